import {
  type CommitReceipt,
  createLearnerStore,
  type EventInput,
  type LearnerStore,
  PacekitError,
} from '@pacekit/core';
import type { SqlStorage } from '@pacekit/core/sql';
import { describeReason, type Pacer } from '@pacekit/pacing';
import { summarizeClass } from '@pacekit/pacing/class';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { ClassRosters } from './classes';

/** The largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 256 * 1024;
/** Learners whose store an instance keeps between requests. */
export const MAX_CACHED_LEARNERS = 1000;
/** The most events one request may carry. */
export const MAX_EVENTS_PER_REQUEST = 500;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The deepest nesting of objects and arrays a request body may have. */
export const MAX_JSON_DEPTH = 32;

/**
 * What is wrong with parsed JSON's shape, if anything: a key that could pollute prototypes, or
 * nesting deeper than {@link MAX_JSON_DEPTH}. Iterative, so no body can overflow the stack.
 */
function shapeProblem(body: unknown): string | undefined {
  const stack: [unknown, string, number][] = [[body, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) return `body nested deeper than ${MAX_JSON_DEPTH} levels (at "${path}")`;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return `forbidden key "${path}${key}"`;
      stack.push([(value as Record<string, unknown>)[key], `${path}${key}.`, depth + 1]);
    }
  }
  return undefined;
}

const LearnerIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.@:-]+$/, 'letters, digits and . _ @ : - only');
const NextQuerySchema = z.object({
  now: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  /** Distinct options for the learner to choose among. */
  choices: z.coerce.number().int().min(1).max(10).optional(),
});
/** The most learners one class may have. */
export const MAX_CLASS_SIZE = 1000;
const RosterSchema = z.object({
  learnerIds: z
    .array(LearnerIdSchema)
    .max(MAX_CLASS_SIZE)
    .refine((ids) => new Set(ids).size === ids.length, 'learner ids must be distinct'),
});
const OverviewQuerySchema = z.object({ now: z.coerce.number().int().nonnegative().optional() });
const PlanQuerySchema = z.object({
  now: z.coerce.number().int().nonnegative().optional(),
  minutes: z.coerce.number().positive().max(600).default(20),
});

/** What the service needs: where logs live, the course, and a clock. */
export interface ServiceOptions {
  storage: SqlStorage;
  pacer: Pacer;
  /** Class rosters (the class routes answer 404 without them). */
  rosters?: ClassRosters;
  /** The current time (epoch ms); a default for `now` in queries. */
  clock?: () => number;
}

/**
 * The learner service: `POST /learners/:id/events` (one event or an array; idempotent by event
 * id), `GET /learners/:id` (state), `GET /learners/:id/next` (`?choices=3` for distinct options)
 * and `GET /learners/:id/plan`; `PUT /classes/:classId` (`{ "learnerIds": [...] }`, create or
 * replace the roster) and `GET /classes/:classId/overview` (the teacher's view). Bad
 * input → 400 with the validation issues; unknown learner → 404; bodies over
 * {@link MAX_BODY_BYTES} → 413; keys that could pollute prototypes → 400.
 */
export function createApp({ storage, pacer, rosters, clock = Date.now }: ServiceOptions): Hono {
  const app = new Hono();
  const badRequest = (message: string, issues?: unknown) =>
    Response.json({ error: message, ...(issues ? { issues } : {}) }, { status: 400 });

  app.onError((error) => {
    if (error instanceof PacekitError) {
      const status = error.code === 'CORRUPT_STORAGE' ? 500 : 400;
      return Response.json(
        {
          error: error.message,
          code: error.code,
          ...(error.details?.issues ? { issues: error.details.issues } : {}),
        },
        { status },
      );
    }
    console.error(error);
    return Response.json({ error: 'internal error' }, { status: 500 });
  });

  /** A learner or class id from the path, or INVALID_INPUT naming it. */
  const idOf = (kind: 'learner' | 'class', raw: string): string => {
    const parsed = LearnerIdSchema.safeParse(raw);
    if (!parsed.success)
      throw new PacekitError(
        'INVALID_INPUT',
        `Invalid ${kind} id ${JSON.stringify(raw)}: ${parsed.error.issues[0]!.message}`,
      );
    return parsed.data;
  };
  const learnerIdOf = (raw: string) => idOf('learner', raw);

  /** The request's JSON body, or the 400 to send (not JSON, or a prototype-polluting key). */
  const readJson = async (text: Promise<string>): Promise<{ body: unknown } | { response: Response }> => {
    let body: unknown;
    try {
      body = JSON.parse(await text);
    } catch {
      return { response: badRequest('body is not valid JSON') };
    }
    const problem = shapeProblem(body);
    return problem ? { response: badRequest(problem) } : { body };
  };

  // One store per learner, kept across requests (the most recently used MAX_CACHED_LEARNERS):
  // concurrent requests for a learner share its store, so their events ride in one save and
  // compete for the learner's version only with other instances; a kept store catches up with
  // what other instances saved before it answers a read (`catchUp`). A write need not: the SQL
  // adapter's save answers with what the others saved.
  const stores = new Map<string, Promise<LearnerStore>>();
  const storeOf = async (learnerId: string, catchUp = true): Promise<LearnerStore> => {
    let entry = stores.get(learnerId);
    const fresh = !entry;
    if (entry) stores.delete(learnerId);
    else
      entry = (async () => {
        const store = createLearnerStore({ learner: pacer.learner, learnerId, storage });
        await store.ready;
        return store;
      })();
    stores.set(learnerId, entry); // most recent last
    if (stores.size > MAX_CACHED_LEARNERS) stores.delete(stores.keys().next().value!);
    try {
      const store = await entry;
      if (!fresh && catchUp) await store.sync();
      return store;
    } catch (error) {
      // A learner whose log cannot be read is read afresh next time.
      if (stores.get(learnerId) === entry) stores.delete(learnerId);
      throw error;
    }
  };

  /** The learner's state (from the latest checkpoint and the events after it), or undefined with none. */
  const loadState = async (learnerId: string) => {
    const state = await (await storeOf(learnerId)).settled();
    return state.eventCount === 0 && state.lastEventAt === null ? undefined : state;
  };

  app.post(
    '/learners/:id/events',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => Response.json({ error: `body larger than ${MAX_BODY_BYTES} bytes` }, { status: 413 }),
    }),
    async (c) => {
      const learnerId = learnerIdOf(c.req.param('id'));
      const read = await readJson(c.req.text());
      if ('response' in read) return read.response;
      const { body } = read;
      const list = Array.isArray(body) ? body : [body];
      if (list.length === 0 || list.length > MAX_EVENTS_PER_REQUEST)
        return badRequest(`send 1 to ${MAX_EVENTS_PER_REQUEST} events`);
      // The store validates each event (naming a bad one's place in the batch) and refuses one
      // for another learner; an event without a learner id is this learner's.
      const events = list.map((raw) =>
        raw !== null && typeof raw === 'object' && !('learnerId' in raw) ? { ...raw, learnerId } : raw,
      ) as EventInput[];
      const store = await storeOf(learnerId, false);
      // All or none: a batch with one event the course cannot fold stores nothing. The answer
      // needs no fold (a burst of late events is folded once, when the learner is next read).
      let receipt: CommitReceipt;
      try {
        receipt = await store.commit(events);
      } catch (error) {
        // A save that failed half-way leaves the kept store ahead of storage: read afresh next time.
        stores.delete(learnerId);
        throw error;
      }
      return c.json({ learnerId, eventCount: receipt.eventCount, recorded: events.length });
    },
  );

  app.get('/learners/:id', async (c) => {
    const learnerId = learnerIdOf(c.req.param('id'));
    const state = await loadState(learnerId);
    if (!state) return c.json({ error: `unknown learner "${learnerId}"` }, 404);
    return c.json(state);
  });

  /** The learner, their state and the validated query — or the 400/404 response to send. */
  const readLearner = async <Q>(id: string, query: Record<string, string>, schema: z.ZodType<Q>) => {
    const learnerId = learnerIdOf(id);
    const parsed = schema.safeParse(query);
    if (!parsed.success) return { response: badRequest('invalid query', parsed.error.issues) };
    const state = await loadState(learnerId);
    if (!state)
      return { response: Response.json({ error: `unknown learner "${learnerId}"` }, { status: 404 }) };
    return { learnerId, state, query: parsed.data };
  };

  app.get('/learners/:id/next', async (c) => {
    const read = await readLearner(c.req.param('id'), c.req.query(), NextQuerySchema);
    if ('response' in read) return read.response;
    const recommendations = pacer.next(read.state, {
      now: read.query.now ?? clock(),
      limit: read.query.limit,
      ...(read.query.choices !== undefined ? { choices: read.query.choices } : {}),
    });
    return c.json({
      learnerId: read.learnerId,
      recommendations: recommendations.map((r) => ({ ...r, explanation: r.reasons.map(describeReason) })),
    });
  });

  app.get('/learners/:id/plan', async (c) => {
    const read = await readLearner(c.req.param('id'), c.req.query(), PlanQuerySchema);
    if ('response' in read) return read.response;
    return c.json({
      learnerId: read.learnerId,
      plan: pacer.sessionPlan(read.state, { now: read.query.now ?? clock(), minutes: read.query.minutes }),
    });
  });

  app.put('/classes/:classId', bodyLimit({ maxSize: MAX_BODY_BYTES }), async (c) => {
    const classId = idOf('class', c.req.param('classId'));
    if (!rosters) return c.json({ error: 'this service keeps no classes' }, 404);
    const read = await readJson(c.req.text());
    if ('response' in read) return read.response;
    const body = read.body;
    const parsed = RosterSchema.safeParse(body);
    if (!parsed.success)
      return badRequest(
        `invalid roster: ${parsed.error.issues.map((i) => `"${i.path.join('.')}": ${i.message}`).join('; ')}`,
        parsed.error.issues,
      );
    await rosters.put(classId, parsed.data.learnerIds);
    return c.json({ classId, learnerIds: parsed.data.learnerIds });
  });

  app.get('/classes/:classId/overview', async (c) => {
    const classId = idOf('class', c.req.param('classId'));
    const query = OverviewQuerySchema.safeParse(c.req.query());
    if (!query.success) return badRequest('invalid query', query.error.issues);
    const roster = rosters ? await rosters.get(classId) : undefined;
    if (!roster) return c.json({ error: `unknown class "${classId}"` }, 404);
    // A learner on the roster with no events yet is a new learner.
    const states = [];
    for (const learnerId of roster)
      states.push((await loadState(learnerId)) ?? pacer.learner.initialState(learnerId));
    const summary = summarizeClass(states, pacer, { now: query.data.now ?? clock() });
    return c.json({ classId, ...summary });
  });

  return app;
}
