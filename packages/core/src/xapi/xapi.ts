import type { EventInput } from '../events';
import type { LearnerModel, LearnerState } from '../state';

/** ADL verb ids Pacekit reads and writes. */
export const XAPI_VERBS = {
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
  mastered: 'http://adlnet.gov/expapi/verbs/mastered',
} as const;

/** An xAPI agent (the parts Pacekit reads). */
export interface XapiAgent {
  objectType?: 'Agent' | 'Group';
  name?: string;
  mbox?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

/** An xAPI statement (the parts Pacekit reads and writes). */
export interface XapiStatement {
  id?: string;
  actor: XapiAgent;
  verb: { id: string; display?: Record<string, string> };
  object: { id: string; objectType?: string; definition?: { name?: Record<string, string>; type?: string } };
  result?: {
    success?: boolean;
    completion?: boolean;
    duration?: string;
    score?: { scaled?: number; raw?: number; min?: number; max?: number };
  };
  context?: { contextActivities?: Record<string, { id: string }[] | undefined> };
  timestamp?: string;
  stored?: string;
}

/** How statements map to Pacekit's learners, items and skills. */
export interface XapiMapping {
  /** The learner of an actor (default: `account.name`, else the `mbox` address, else `openid`). */
  learnerId?: (actor: XapiAgent) => string | undefined;
  /** Item id by activity id; an activity not in it is reported (default: the activity id itself). */
  items?: Record<string, string>;
  /** Skill ids by context activity id (parent, grouping, category), for attempts whose item is not in a catalogue. */
  skills?: Record<string, string>;
}

/** A statement that could not become an event, and why. */
export interface RejectedStatement {
  /** Its position in the input. */
  index: number;
  /** Its id, when it has one. */
  statementId: string | undefined;
  /** Why it was not mapped. */
  reason: string;
}

/** Events made from statements, and the statements that could not be mapped. */
export interface XapiImport {
  events: EventInput[];
  rejected: RejectedStatement[];
}

/**
 * An ISO 8601 duration (`PT1M30.5S`, `P1DT2H`) in milliseconds; undefined when it is not one, or
 * uses years or months (whose length varies).
 */
export function parseIsoDuration(text: string): number | undefined {
  const match =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      text,
    );
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, m, s] = match.map((x) => (x === undefined ? 0 : Number(x)));
  return ((((w! * 7 + d!) * 24 + h!) * 60 + m!) * 60 + s!) * 1000;
}

function defaultLearnerId(actor: XapiAgent): string | undefined {
  if (actor.account?.name) return actor.account.name;
  if (actor.mbox) return actor.mbox.replace(/^mailto:/, '');
  return actor.openid;
}

/**
 * Turns xAPI statements into Pacekit events. `answered`, `completed` and `experienced`
 * statements with evidence — `result.success` and/or `result.score.scaled` (in [0, 1]) — become
 * attempts on the activity's item (`result.duration` as the response time; context activities
 * mapped to skills when given). Every statement that cannot be mapped is returned in `rejected`
 * with the reason — another verb, no evidence, no timestamp, an unknown activity — never
 * silently dropped.
 *
 * @example
 * ```ts
 * const { events, rejected } = statementsToEvents(statements, { items: { 'https://example.com/q/1': 'q1' } });
 * for (const event of events) await store.record(event);
 * ```
 */
export function statementsToEvents(
  statements: readonly XapiStatement[],
  mapping: XapiMapping = {},
): XapiImport {
  const events: EventInput[] = [];
  const rejected: RejectedStatement[] = [];
  const learnerOf = mapping.learnerId ?? defaultLearnerId;
  const mapOne = (statement: XapiStatement, index: number): void => {
    const reject = (reason: string): void => {
      rejected.push({ index, statementId: statement?.id, reason });
    };
    if (
      !statement ||
      typeof statement !== 'object' ||
      !statement.verb ||
      !statement.object ||
      !statement.actor
    ) {
      reject('not an xAPI statement (actor, verb and object are required)');
      return;
    }
    const verb = Object.entries(XAPI_VERBS).find(([, id]) => id === statement.verb.id)?.[0];
    if (verb !== 'answered' && verb !== 'completed' && verb !== 'experienced') {
      reject(`verb ${statement.verb.id} is not one Pacekit maps (answered, completed, experienced)`);
      return;
    }
    const learnerId = learnerOf(statement.actor);
    if (!learnerId) {
      reject('the actor has no account name, mbox or openid to identify the learner');
      return;
    }
    const itemId = mapping.items ? mapping.items[statement.object.id] : statement.object.id;
    if (!itemId) {
      reject(`activity ${statement.object.id} is not mapped to an item`);
      return;
    }
    const at = Date.parse(statement.timestamp ?? statement.stored ?? '');
    if (!Number.isFinite(at)) {
      reject('no valid timestamp (or stored time)');
      return;
    }
    const result = statement.result ?? {};
    const scaled = result.score?.scaled;
    if (scaled !== undefined && !(scaled >= 0 && scaled <= 1)) {
      reject(`result.score.scaled is ${scaled}: Pacekit takes scores in [0, 1]`);
      return;
    }
    if (result.success === undefined && scaled === undefined) {
      reject(`a "${verb}" statement without result.success or result.score.scaled is no evidence of mastery`);
      return;
    }
    let responseTimeMs: number | undefined;
    if (result.duration !== undefined) {
      responseTimeMs = parseIsoDuration(result.duration);
      if (responseTimeMs === undefined) {
        reject(
          `result.duration "${result.duration}" is not an ISO 8601 duration in days, hours, minutes or seconds`,
        );
        return;
      }
    }
    const contextIds = Object.values(statement.context?.contextActivities ?? {}).flatMap((list) =>
      (list ?? []).map((a) => a.id),
    );
    const skillIds = mapping.skills
      ? [...new Set(contextIds.map((id) => mapping.skills![id]).filter((s): s is string => s !== undefined))]
      : [];
    events.push({
      id: statement.id ?? `xapi:${learnerId}:${statement.object.id}:${at}`,
      learnerId,
      at,
      type: 'attempt',
      itemId,
      ...(result.success !== undefined ? { correct: result.success } : {}),
      ...(scaled !== undefined ? { score: scaled } : {}),
      ...(responseTimeMs !== undefined ? { responseTimeMs } : {}),
      ...(skillIds.length > 0 ? { skillIds } : {}),
    });
  };
  for (const [index, statement] of statements.entries()) mapOne(statement, index);
  return { events, rejected };
}

/** Options of {@link masteryStatements}. */
export interface MasteryStatementOptions {
  /** The learner as an xAPI agent. */
  actor: XapiAgent;
  /** The activity id of a skill (default: `urn:pacekit:skill:<id>`). */
  activityId?: (skillId: string) => string;
  /** P(L) levels at which a `progressed` statement is emitted on the way up (default [0.5]). */
  progressAt?: readonly number[];
  /** When (default: the state's last event time). */
  timestamp?: number;
}

/**
 * The statements that tell a Learning Record Store what Pacekit concluded between two states of
 * a learner: `mastered` for each skill that became mastered, `progressed` for each skill whose
 * P(L) rose past a `progressAt` level — with `result.score.scaled` = P(L) — so an LRS or an LMS
 * sees Pacekit's conclusions, not only the raw answers.
 */
export function masteryStatements(
  learner: LearnerModel,
  before: LearnerState,
  after: LearnerState,
  options: MasteryStatementOptions,
): XapiStatement[] {
  const activityId =
    options.activityId ?? ((skillId: string) => `urn:pacekit:skill:${encodeURIComponent(skillId)}`);
  const levels = options.progressAt ?? [0.5];
  const at = options.timestamp ?? after.lastEventAt ?? 0;
  const statements: XapiStatement[] = [];
  for (const skillId of Object.keys(after.skills)) {
    const was = learner.mastery(before, skillId);
    const is = learner.mastery(after, skillId);
    const object = { id: activityId(skillId), objectType: 'Activity', definition: { name: { en: skillId } } };
    const make = (verb: 'progressed' | 'mastered', suffix: string): XapiStatement => ({
      id: `pacekit:${after.learnerId}:${skillId}:${verb}${suffix}:${at}`,
      actor: options.actor,
      verb: { id: XAPI_VERBS[verb], display: { 'en-US': verb } },
      object,
      result: {
        score: { scaled: Math.round(is * 1e4) / 1e4 },
        ...(verb === 'mastered' ? { success: true, completion: true } : {}),
      },
      timestamp: new Date(at).toISOString(),
    });
    for (const level of levels)
      if (was < level && is >= level) statements.push(make('progressed', `@${level}`));
    if (!learner.isMastered(before, skillId) && learner.isMastered(after, skillId))
      statements.push(make('mastered', ''));
  }
  return statements;
}
