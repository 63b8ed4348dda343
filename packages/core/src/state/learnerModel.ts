import { type Bkt, type BktModelInput, createBkt } from '../bkt';
import type { Pace, SkillEvidence } from '../bkt/individual';
import { PacekitError } from '../errors';
import { compareEvents, type EventInput, type LearnerEvent, parseEvent } from '../events';
import type { SkillGraph } from '../graph';
import type { Catalog, Item } from '../items';
import { hashString } from '../random';
import { getOwn } from '../validation';
import { createLearnerState, type LearnerState, type SkillState } from './learnerState';

/** Default mastery threshold: a skill counts as mastered from P(L) ≥ 0.95 (Corbett & Anderson). */
export const DEFAULT_MASTERY_THRESHOLD = 0.95;

/** What a plugin sees when it folds an event. */
export interface LearnerPluginContext {
  /**
   * The learner's state after the core fold of the event (mastery, items, affect, goals
   * updated; `extensions` not yet). Read it; never change it.
   */
  state: LearnerState;
  /**
   * The skills the event is evidence for, as the core fold resolved them (an attempt's or a
   * review's item skills, a mark-mastered or reset skill; empty otherwise).
   */
  skillIds: readonly string[];
  /** The catalogue, when the model has one. */
  catalog: Catalog | undefined;
  /** The skill graph, when the model has one. */
  graph: SkillGraph | undefined;
  /**
   * For an attempt or a review: the response in [0, 1] as the learner gave it (the attempt's
   * score or correctness; a review rated again is 0, any other rating 1), before any hint
   * credit; undefined for other events.
   */
  score: number | undefined;
  /**
   * For an attempt or a review: P(L) of each of `skillIds` before the response (same order), so
   * a plugin can compare the model's prediction with the answer.
   */
  priorMastery: readonly number[] | undefined;
}

/**
 * Extends the fold with state of its own, kept in `state.extensions[key]` — how
 * `@pacekit/pacing` adds memory (FSRS cards) without the core knowing about it. `apply` must
 * be pure and must not change its inputs, and must not throw for an event `check` accepts.
 */
export interface LearnerModelPlugin<T = unknown> {
  /** Key in `state.extensions`. */
  key: string;
  /** The slice for a new learner. */
  initial(): T;
  /** The slice after one event. */
  apply(slice: T, event: LearnerEvent, context: LearnerPluginContext): T;
  /**
   * Throws (a `PacekitError` naming the problem) for an event this plugin cannot fold; called by
   * {@link LearnerModel.check} before the event is stored. Optional: without it, every event the
   * model resolves is one the plugin folds.
   */
  check?(event: LearnerEvent): void;
}

/** Options of {@link createLearnerModel}. */
export interface LearnerModelOptions {
  /** The BKT model (as JSON, or created with `createBkt`). */
  bkt: Bkt | BktModelInput;
  /** The skills; when given, events naming unknown skills are rejected. */
  graph?: SkillGraph;
  /** The items; needed to know which skills an attempt is evidence for. */
  catalog?: Catalog;
  /** P(L) from which a skill counts as mastered (default {@link DEFAULT_MASTERY_THRESHOLD}). */
  masteryThreshold?: number;
  /**
   * The evidence a correct answer gives after hints were used, in [0, 1] (default 0: as in
   * ASSISTments, a correct answer after a hint is not evidence of mastery).
   */
  hintCredit?: number;
  /** The class of a learner, for per-class priors. */
  learnerClass?: (learnerId: string) => string | undefined;
  /** Plugins that keep state of their own. */
  plugins?: readonly LearnerModelPlugin[];
  /**
   * Text that tells this model's configuration apart where the core cannot see it (plugins'
   * options, `learnerClass`): part of {@link LearnerModel.fingerprint}.
   */
  fingerprint?: string;
}

/**
 * Folds a learner's events into their {@link LearnerState}: pure functions over plain JSON,
 * so replay, undo and server-side use come for free.
 */
export interface LearnerModel {
  /** The online BKT model. */
  readonly bkt: Bkt;
  /** The skill graph, if given. */
  readonly graph: SkillGraph | undefined;
  /** The catalogue, if given. */
  readonly catalog: Catalog | undefined;
  /** The mastery threshold in use. */
  readonly masteryThreshold: number;
  /**
   * A digest of everything that decides what the fold gives (BKT model, skills, items,
   * threshold, hint credit, plugins, `options.fingerprint`): storage checkpoints folded by
   * another model are not used.
   */
  readonly fingerprint: string;
  /** A new learner's state (with every plugin's initial slice). */
  initialState(learnerId: string): LearnerState;
  /**
   * The state after one validated event (from {@link parseEvent}). Pure: `state` is not
   * changed, unchanged parts are shared. Throws `UNKNOWN_ITEM`/`UNKNOWN_SKILL` for references
   * the model cannot resolve, leaving `state` as it was.
   */
  apply(state: LearnerState, event: LearnerEvent): LearnerState;
  /**
   * The state after several validated events, applied in the order given: what `apply` one by
   * one gives, with one copy of the state instead of one per event. Throws like `apply` (the
   * first event that cannot be folded), leaving `state` as it was.
   */
  applyAll(state: LearnerState, events: readonly LearnerEvent[]): LearnerState;
  /**
   * A learner's state from their events in any order: each is validated, duplicates (same
   * id) count once, and they are applied in `at` order (ties by id). The same events in any
   * arrival order give the same state.
   */
  replay(learnerId: string, events: readonly EventInput[]): LearnerState;
  /**
   * Throws what {@link LearnerModel.apply} would for `event`, without folding it: a reference
   * the model cannot resolve (`UNKNOWN_ITEM`, `UNKNOWN_SKILL`), an event of another learner than
   * `learnerId` (when given), or a plugin's own check. A store checks events with it before it
   * stores them, at a fraction of a fold's cost.
   */
  check(event: LearnerEvent, learnerId?: string): void;
  /** P(L) of a skill: the learner's estimate, or the prior if they have not met it. */
  mastery(state: LearnerState, skillId: string): number;
  /** Whether a skill counts as mastered: a teacher marked it, or P(L) ≥ the threshold. */
  isMastered(state: LearnerState, skillId: string): boolean;
  /**
   * P(correct) on an item: for an item of several skills, the weakest skill's prediction (a
   * learner needs all of them).
   */
  predict(state: LearnerState, item: string | Item): number;
  /**
   * P(correct) on the next response on one skill, with the skill's P(L) scaled by `scale` (e.g.
   * by the probability of recall now); an individualized model uses the learner's pace.
   */
  predictSkill(state: LearnerState, skillId: string, scale?: number, itemId?: string): number;
  /**
   * The learner's own pace as an individualized model estimates it from their answers so far;
   * undefined when the model was fitted without `individualize`.
   */
  pace(state: LearnerState): LearnerPace | undefined;
}

/** A learner's own pace (see {@link LearnerModel.pace}). */
export interface LearnerPace {
  /**
   * How fast the learner learns relative to the population (1): the learner-type posterior's
   * mean of each type's learn rate over the population's. 2 learns about twice as fast.
   */
  speed: number;
  /** Offset on the logit of P(correct): above 0 when the learner answers better than predicted. */
  ability: number;
  /** Responses the estimate has seen. */
  responses: number;
}

/** Two independent 32-bit hashes of `text`, as 16 hex digits: tells configurations apart. */
function digestOf(text: string): string {
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, '0');
  return hex(hashString(text)) + hex(hashString(text, 0x01000193));
}

/** An attempt's or a review's response in [0, 1], before hint credit: "again" is a wrong answer. */
function scoreOf(event: Extract<LearnerEvent, { type: 'attempt' | 'review' }>): number {
  return event.type === 'attempt'
    ? (event.score ?? (event.correct ? 1 : 0))
    : event.rating === 'again'
      ? 0
      : 1;
}

/**
 * Creates a {@link LearnerModel}.
 *
 * @example
 * ```ts
 * const learner = createLearnerModel({ bkt: model, graph, catalog });
 * let state = learner.initialState('ada');
 * state = learner.apply(state, parseEvent({ type: 'attempt', id: 'e1', learnerId: 'ada', at: Date.now(), itemId: 'q1', correct: true }));
 * learner.isMastered(state, 'fractions');
 * ```
 */
export function createLearnerModel(options: LearnerModelOptions): LearnerModel {
  const bkt = 'update' in options.bkt ? options.bkt : createBkt(options.bkt);
  const { graph, catalog } = options;
  const threshold = options.masteryThreshold ?? DEFAULT_MASTERY_THRESHOLD;
  const hintCredit = options.hintCredit ?? 0;
  for (const [name, value] of [
    ['masteryThreshold', threshold],
    ['hintCredit', hintCredit],
  ] as const) {
    if (!(value >= 0 && value <= 1)) {
      throw new PacekitError(
        'INVALID_INPUT',
        `createLearnerModel: "${name}" must be in [0, 1] (got ${String(value)})`,
      );
    }
  }
  const plugins = options.plugins ?? [];
  const typeCount = bkt.individual?.typeCount ?? 0;
  const typeP = new Float64Array(typeCount);
  const skillP = new Float64Array(typeCount);
  /** What the individual model reads of a skill (a fresh one for a skill not met yet). */
  const evidenceOf = (state: LearnerState, skillId: string): SkillEvidence => {
    const skill = getOwn(state.skills, skillId);
    if (skill?.byType) return skill as SkillEvidence;
    return {
      attempts: skill?.attempts ?? 0,
      correct: skill?.correct ?? 0,
      streak: skill?.streak ?? 0,
      byType: bkt.individual!.initialTypes(skillId),
    };
  };
  /**
   * P(L) before any evidence on the skill: an individualized model's types mixed by what the
   * learner's answers so far say of them (a fast learner starts a new skill higher).
   */
  const prior = (state: LearnerState, skillId: string): number => {
    const individual = bkt.individual;
    if (!individual) return bkt.prior(skillId, options.learnerClass?.(state.learnerId));
    return individual.mastery(state.pace ?? individual.initialPace(), individual.initialTypes(skillId));
  };
  const checkSkill = (skillId: string, event: LearnerEvent): void => {
    if (graph && !graph.has(skillId)) {
      throw new PacekitError(
        'UNKNOWN_SKILL',
        `Event "${event.id}" names skill "${skillId}", which is not in the skill graph`,
        {
          eventId: event.id,
          skillId,
        },
      );
    }
  };
  const skillsOfItem = (itemId: string, explicit: string[] | undefined, event: LearnerEvent): string[] => {
    if (explicit) return explicit;
    if (catalog?.has(itemId)) return catalog.get(itemId).skills;
    throw new PacekitError(
      'UNKNOWN_ITEM',
      `Event "${event.id}" is about item "${itemId}", which is not in the catalogue (and the event names no skillIds)`,
      { eventId: event.id, itemId },
    );
  };
  const freshSkill = (state: LearnerState, skillId: string): SkillState => ({
    pMastery: prior(state, skillId),
    attempts: 0,
    correct: 0,
    streak: 0,
    lastAttemptAt: null,
    masteredAt: null,
    override: null,
  });

  // The fold mutates a draft it owns: `apply` copies what one event touches, `replay` copies
  // once and folds every event in place. Copying a learner's whole record per event would make
  // replay quadratic in the number of items they have started.
  const applyResponse = (
    draft: LearnerState,
    event: LearnerEvent,
    itemId: string,
    skillIds: string[],
    response: number,
  ): void => {
    const right = response >= 0.5;
    const individual = bkt.individual;
    let pace: Pace | undefined;
    if (individual) {
      // The learner's pace follows the answer: each type's prediction of it (the item's weakest
      // skill under that type), then the type posterior, ability and recent accuracy.
      const before = draft.pace ?? individual.initialPace();
      typeP.fill(1);
      let first = false;
      for (const skillId of skillIds) {
        const skill = evidenceOf(draft, skillId);
        first ||= skill.attempts === 0;
        individual.typePredictions(skill, skillId, skillP);
        for (let c = 0; c < typeP.length; c++) typeP[c] = Math.min(typeP[c]!, skillP[c]!);
      }
      pace = individual.updatePace(before, typeP, response, first);
      draft.pace = pace;
    }
    for (const skillId of skillIds) {
      const before = getOwn(draft.skills, skillId) ?? freshSkill(draft, skillId);
      let pMastery: number;
      let byType: number[] | undefined;
      if (individual && pace) {
        byType = individual.updateTypes(before.byType ?? individual.initialTypes(skillId), skillId, response);
        pMastery = individual.mastery(pace, byType);
      } else pMastery = bkt.update(skillId, before.pMastery, response, itemId);
      // Every field spelled out (no spread): one object shape, on the hottest path of replay.
      draft.skills[skillId] = {
        pMastery,
        attempts: before.attempts + 1,
        correct: before.correct + (right ? 1 : 0),
        streak: right ? Math.max(before.streak, 0) + 1 : Math.min(before.streak, 0) - 1,
        lastAttemptAt: event.at,
        masteredAt: before.masteredAt ?? (pMastery >= threshold ? event.at : null),
        override: before.override,
      };
      if (byType) draft.skills[skillId]!.byType = byType;
    }
    const item = getOwn(draft.items, itemId);
    draft.items[itemId] = {
      attempts: (item?.attempts ?? 0) + 1,
      correct: (item?.correct ?? 0) + (right ? 1 : 0),
      lastAt: event.at,
      lastScore: response,
    };
  };

  /** Checks every reference the event makes before anything is written. */
  const resolve = (event: LearnerEvent): string[] => {
    switch (event.type) {
      case 'attempt': {
        const skillIds = skillsOfItem(event.itemId, event.skillIds, event);
        for (const skillId of skillIds) checkSkill(skillId, event);
        return skillIds;
      }
      case 'review':
        return catalog?.has(event.itemId) ? catalog.get(event.itemId).skills : [];
      case 'self-report':
        if (event.skillId !== undefined) checkSkill(event.skillId, event);
        if (event.pick !== undefined && catalog && !catalog.has(event.pick))
          skillsOfItem(event.pick, undefined, event);
        return [];
      case 'goal':
        if (event.status === 'active') for (const skillId of event.skillIds) checkSkill(skillId, event);
        return [];
      case 'placement':
        for (const skillId of Object.keys(event.pMastery)) checkSkill(skillId, event);
        return [];
      case 'override':
        if (event.skillId !== undefined) checkSkill(event.skillId, event);
        for (const skillId of event.skillIds ?? []) checkSkill(skillId, event);
        if (event.itemId !== undefined && catalog && !catalog.has(event.itemId))
          skillsOfItem(event.itemId, undefined, event);
        return event.skillId !== undefined && (event.action === 'mark-mastered' || event.action === 'reset')
          ? [event.skillId]
          : [];
    }
  };

  /** Folds a resolved event into `draft`, whose records (`skills`, `items`, …) it may change. */
  const applyCore = (draft: LearnerState, event: LearnerEvent, skillIds: string[]): void => {
    draft.eventCount += 1;
    draft.lastEventAt = draft.lastEventAt === null ? event.at : Math.max(draft.lastEventAt, event.at);
    switch (event.type) {
      case 'attempt': {
        let response = scoreOf(event);
        if (event.hintsUsed > 0) response = Math.min(response, hintCredit);
        applyResponse(draft, event, event.itemId, skillIds, response);
        return;
      }
      case 'review':
        // A flashcard review is also evidence for the card's skills: "again" is a wrong answer.
        applyResponse(draft, event, event.itemId, skillIds, scoreOf(event));
        return;
      case 'self-report': {
        const { affect } = draft;
        if (event.confidence !== undefined) {
          if (event.skillId !== undefined)
            affect.skillConfidence[event.skillId] = { value: event.confidence, at: event.at };
          else affect.confidence = { value: event.confidence, at: event.at };
        }
        if (event.mood !== undefined) affect.mood = { value: event.mood, at: event.at };
        if (event.interests) draft.interests = event.interests;
        if (event.preferredModalities) draft.preferredModalities = event.preferredModalities;
        return;
      }
      case 'goal': {
        const goalId = event.goalId ?? event.id;
        if (event.status === 'cancelled') delete draft.goals[goalId];
        else
          draft.goals[goalId] = {
            id: goalId,
            skillIds: event.skillIds,
            deadline: event.deadline ?? null,
            setBy: event.setBy,
            setAt: event.at,
          };
        return;
      }
      case 'placement': {
        // A placement seeds skills not practised yet; evidence already gathered stands.
        for (const [skillId, pMastery] of Object.entries(event.pMastery)) {
          const before = getOwn(draft.skills, skillId);
          if (before && before.attempts > 0) continue;
          draft.skills[skillId] = {
            ...(before ?? freshSkill(draft, skillId)),
            pMastery,
            masteredAt: pMastery >= threshold ? event.at : null,
          };
          if (bkt.individual)
            draft.skills[skillId]!.byType = Array.from({ length: typeCount }, () => pMastery);
        }
        return;
      }
      case 'override': {
        if (event.action === 'mark-mastered' || event.action === 'reset') {
          const skillId = event.skillId!;
          const before = getOwn(draft.skills, skillId) ?? freshSkill(draft, skillId);
          draft.skills[skillId] =
            event.action === 'mark-mastered'
              ? {
                  ...before,
                  override: 'mastered',
                  pMastery: Math.max(before.pMastery, threshold),
                  masteredAt: before.masteredAt ?? event.at,
                }
              : {
                  ...before,
                  override: 'reset',
                  pMastery: prior(draft, skillId),
                  streak: 0,
                  masteredAt: null,
                };
          const individual = bkt.individual;
          if (individual) {
            const skill = draft.skills[skillId]!;
            skill.byType =
              event.action === 'mark-mastered'
                ? (before.byType ?? individual.initialTypes(skillId)).map((l) => Math.max(l, threshold))
                : individual.initialTypes(skillId);
          }
          return;
        }
        // focus, sequence and note live in the pacing policy's state, not the core's.
        if (event.action === 'focus' || event.action === 'sequence' || event.action === 'note') return;
        const ref = event.itemId !== undefined ? `item:${event.itemId}` : `skill:${event.skillId}`;
        const list = event.action === 'pin' || event.action === 'unpin' ? 'pinned' : 'skipped';
        const kept = draft[list].filter((r) => r !== ref);
        draft[list] = event.action === 'pin' || event.action === 'skip' ? [...kept, ref] : kept;
        return;
      }
    }
  };

  /**
   * A copy of `state` whose records the fold of `event` may change (entries are replaced, never
   * edited); without an event, every record. Records the event cannot touch stay shared, so one
   * attempt does not copy the learner's goals, affect or (without plugins) extensions.
   */
  const own = (state: LearnerState, event?: LearnerEvent): LearnerState => {
    const type = event?.type;
    const answered = type === undefined || type === 'attempt' || type === 'review';
    const skills = answered || type === 'placement' || type === 'override';
    const affect = type === undefined || type === 'self-report';
    return {
      ...state,
      skills: skills ? { ...state.skills } : state.skills,
      items: answered ? { ...state.items } : state.items,
      affect: affect
        ? { ...state.affect, skillConfidence: { ...state.affect.skillConfidence } }
        : state.affect,
      goals: type === undefined || type === 'goal' ? { ...state.goals } : state.goals,
      extensions: type === undefined || plugins.length > 0 ? { ...state.extensions } : state.extensions,
    };
  };

  /** Throws for an event of another learner than `learnerId`. */
  const ownerCheck = (event: LearnerEvent, learnerId: string): void => {
    if (event.learnerId !== learnerId) {
      throw new PacekitError(
        'INVALID_EVENT',
        `Event "${event.id}" is for learner "${event.learnerId}", not "${learnerId}"`,
        { eventId: event.id },
      );
    }
  };

  /** Folds one event into an owned draft. */
  const fold = (draft: LearnerState, event: LearnerEvent): void => {
    ownerCheck(event, draft.learnerId);
    const skillIds = resolve(event);
    const answered = event.type === 'attempt' || event.type === 'review';
    const score = answered ? scoreOf(event) : undefined;
    const priorMastery =
      answered && plugins.length > 0 ? skillIds.map((skillId) => mastery(draft, skillId)) : undefined;
    applyCore(draft, event, skillIds);
    for (const plugin of plugins) {
      const slice = (getOwn(draft.extensions, plugin.key) as unknown) ?? plugin.initial();
      draft.extensions[plugin.key] = plugin.apply(slice, event, {
        state: draft,
        skillIds,
        catalog,
        graph,
        score,
        priorMastery,
      });
    }
  };

  const apply = (state: LearnerState, event: LearnerEvent): LearnerState => {
    const draft = own(state, event);
    fold(draft, event);
    return draft;
  };
  const applyAll = (state: LearnerState, events: readonly LearnerEvent[]): LearnerState => {
    if (events.length === 0) return state;
    if (events.length === 1) return apply(state, events[0]!);
    const draft = own(state);
    for (const event of events) fold(draft, event);
    return draft;
  };

  const initialState = (learnerId: string): LearnerState => {
    const state = createLearnerState(learnerId);
    for (const plugin of plugins) state.extensions[plugin.key] = plugin.initial();
    return state;
  };

  const mastery = (state: LearnerState, skillId: string): number => {
    const skill = getOwn(state.skills, skillId);
    if (!skill) return prior(state, skillId);
    // Individualized: the mixture under the learner's current type posterior, which every
    // answer on every skill moves.
    const individual = bkt.individual;
    if (!individual || !skill.byType || skill.override === 'mastered') return skill.pMastery;
    return individual.mastery(state.pace ?? individual.initialPace(), skill.byType);
  };
  const predictSkill = (state: LearnerState, skillId: string, scale = 1, itemId?: string): number => {
    const individual = bkt.individual;
    if (!individual) return bkt.predict(skillId, mastery(state, skillId) * scale, itemId);
    return individual.predictSkill(
      state.pace ?? individual.initialPace(),
      evidenceOf(state, skillId),
      skillId,
      scale,
    );
  };

  let digest: string | undefined;
  return {
    bkt,
    graph,
    catalog,
    masteryThreshold: threshold,
    get fingerprint() {
      digest ??= digestOf(
        JSON.stringify([
          bkt.model,
          graph?.skills ?? null,
          catalog?.items ?? null,
          threshold,
          hintCredit,
          plugins.map((p) => p.key),
          options.fingerprint ?? '',
        ]),
      );
      return digest;
    },
    initialState,
    apply,
    applyAll,
    check: (event, learnerId) => {
      if (learnerId !== undefined) ownerCheck(event, learnerId);
      resolve(event);
      for (const plugin of plugins) plugin.check?.(event);
    },
    replay: (learnerId, events) => {
      const unique = new Map<string, LearnerEvent>();
      for (const input of events) {
        const event = parseEvent(input);
        if (!unique.has(event.id)) unique.set(event.id, event);
      }
      return applyAll(initialState(learnerId), [...unique.values()].sort(compareEvents));
    },
    mastery,
    isMastered: (state, skillId) =>
      getOwn(state.skills, skillId)?.override === 'mastered' || mastery(state, skillId) >= threshold,
    predictSkill,
    pace: (state) => {
      const individual = bkt.individual;
      if (!individual) return undefined;
      const pace = state.pace ?? individual.initialPace();
      let logSpeed = 0;
      for (let c = 0; c < individual.typeCount; c++)
        logSpeed += pace.types[c]! * Math.log(individual.typeSpeeds[c]!);
      return { speed: Math.exp(logSpeed), ability: pace.ability, responses: pace.responses };
    },
    predict: (state, itemOrId) => {
      const item = typeof itemOrId === 'string' ? catalog?.get(itemOrId) : itemOrId;
      if (!item)
        throw new PacekitError('UNKNOWN_ITEM', `Unknown item "${String(itemOrId)}"`, { itemId: itemOrId });
      let p = 1;
      for (const skillId of item.skills) p = Math.min(p, predictSkill(state, skillId, 1, item.id));
      return p;
    },
  };
}
