import * as z from 'zod/mini';
import { PaceSchema } from '../bkt/individual';
import { PacekitError } from '../errors';
import { MoodSchema } from '../events';
import { id, parseInput, probability } from '../validation';

/** The version of the learner-state layout this release writes. */
export const LEARNER_STATE_VERSION = 1;

const timed = <T extends z.ZodMiniType>(value: T) => z.object({ value, at: z.number() });

/** What is known about one skill of one learner. */
export const SkillStateSchema = z.object({
  /** P(L): the probability the skill is mastered (BKT). */
  pMastery: probability,
  /** Attempts on items of this skill. */
  attempts: z.int().check(z.gte(0)),
  /** Of which correct. */
  correct: z.int().check(z.gte(0)),
  /** Run of results: +n after n correct in a row, −n after n wrong in a row. */
  streak: z.int(),
  /** Time of the last attempt. */
  lastAttemptAt: z.nullable(z.number()),
  /** When P(L) first reached the mastery threshold (or a teacher marked it), else null. */
  masteredAt: z.nullable(z.number()),
  /** A teacher's decision, which wins over the model until the next override. */
  override: z.nullable(z.literal(['mastered', 'reset'])),
  /**
   * P(L) under each learner type, when the model is individualized (`fitBkt(…, { individualize:
   * true })`); the learner's P(L) is then their mixture by `LearnerState.pace.types`.
   */
  byType: z.optional(z.array(probability)),
});

/** What is known about one item a learner has started. */
export const ItemStateSchema = z.object({
  /** Attempts on the item. */
  attempts: z.int().check(z.gte(0)),
  /** Of which correct. */
  correct: z.int().check(z.gte(0)),
  /** Time of the last attempt or review. */
  lastAt: z.number(),
  /** Score of the last attempt in [0, 1]. */
  lastScore: probability,
});

/** A goal the learner is working toward. */
export const GoalSchema = z.object({
  /** The goal's id. */
  id: z.string(),
  /** Skills to master. */
  skillIds: z.array(z.string()),
  /** When, if there is a deadline. */
  deadline: z.nullable(z.number()),
  /** Who set it. */
  setBy: z.literal(['learner', 'teacher']),
  /** When it was set. */
  setAt: z.number(),
});

/**
 * Everything Pacekit knows about one learner: the fold of their events. Plain JSON, versioned
 * by `schemaVersion`; load saved states with {@link parseLearnerState}, which migrates them.
 */
export const LearnerStateSchema = z.object({
  /** Layout version ({@link LEARNER_STATE_VERSION}). */
  schemaVersion: z.literal(LEARNER_STATE_VERSION),
  /** The learner. */
  learnerId: z.string().check(z.minLength(1)),
  /** Events folded in. */
  eventCount: z.int().check(z.gte(0)),
  /** Time of the latest event folded in, or null. */
  lastEventAt: z.nullable(z.number()),
  /** Per skill the learner has met. */
  skills: z.record(id, SkillStateSchema),
  /** Per item the learner has started. */
  items: z.record(id, ItemStateSchema),
  /** The learner's own voice: latest confidence and mood, overall and per skill. */
  affect: z.object({
    confidence: z.nullable(timed(probability)),
    mood: z.nullable(timed(MoodSchema)),
    skillConfidence: z.record(id, timed(probability)),
  }),
  /** Topics the learner said they like. */
  interests: z.array(z.string()),
  /** Modalities the learner said they prefer. */
  preferredModalities: z.array(z.string()),
  /** Active goals by id. */
  goals: z.record(id, GoalSchema),
  /** Items and skills a teacher pinned (`item:<id>` / `skill:<id>`), in pin order. */
  pinned: z.array(z.string()),
  /** Items and skills a teacher said to skip (`item:<id>` / `skill:<id>`). */
  skipped: z.array(z.string()),
  /**
   * The learner's own pace as an individualized model estimates it from their answers (learner
   * type, ability, recent accuracy); absent with a model fitted without `individualize`.
   */
  pace: z.optional(PaceSchema),
  /** State kept by plugins (e.g. `@pacekit/pacing`'s memory), by plugin key. */
  extensions: z.record(id, z.unknown()),
});

/** One learner's state (see {@link LearnerStateSchema}). */
export interface LearnerState extends z.output<typeof LearnerStateSchema> {}
/** One skill's state. */
export interface SkillState extends z.output<typeof SkillStateSchema> {}
/** One item's state. */
export interface ItemState extends z.output<typeof ItemStateSchema> {}
/** One goal. */
export interface Goal extends z.output<typeof GoalSchema> {}

/** Upgrades a saved state from version `from` to `from + 1`. */
export type LearnerStateMigration = (state: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they upgrade from. Empty while version 1 is the only layout; a
 * release that changes the layout adds `{ 1: (v1) => v2 }` here, so states saved by older
 * releases keep loading.
 */
export const LEARNER_STATE_MIGRATIONS: Readonly<Record<number, LearnerStateMigration>> = Object.freeze({});

/**
 * Loads a saved learner state: migrates it to {@link LEARNER_STATE_VERSION} step by step, then
 * validates it. Throws `UNSUPPORTED_SCHEMA_VERSION` for a state from a newer release (or with
 * no migration path), `INVALID_INPUT` naming the bad field otherwise. Never changes its input.
 */
export function parseLearnerState(
  input: unknown,
  migrations: Readonly<Record<number, LearnerStateMigration>> = LEARNER_STATE_MIGRATIONS,
): LearnerState {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new PacekitError('INVALID_INPUT', 'Invalid learner state: expected an object', { value: input });
  }
  let state = input as Record<string, unknown>;
  let version = state.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    throw new PacekitError(
      'UNSUPPORTED_SCHEMA_VERSION',
      `Invalid learner state: "schemaVersion" must be an integer (got ${String(version)})`,
      {
        schemaVersion: version,
      },
    );
  }
  while (version < LEARNER_STATE_VERSION) {
    const migrate = migrations[version];
    if (!migrate) {
      throw new PacekitError(
        'UNSUPPORTED_SCHEMA_VERSION',
        `No migration from learner-state version ${version}`,
        { schemaVersion: version },
      );
    }
    state = migrate(state);
    version = state.schemaVersion;
    if (typeof version !== 'number') {
      throw new PacekitError(
        'UNSUPPORTED_SCHEMA_VERSION',
        'A migration returned a state without a numeric schemaVersion',
      );
    }
  }
  if (version > LEARNER_STATE_VERSION) {
    throw new PacekitError(
      'UNSUPPORTED_SCHEMA_VERSION',
      `Learner state version ${version} is newer than this release understands (${LEARNER_STATE_VERSION}): upgrade Pacekit`,
      { schemaVersion: version },
    );
  }
  return parseInput(LearnerStateSchema, state, 'learner state');
}

/** A new learner's state: nothing known yet. */
export function createLearnerState(learnerId: string): LearnerState {
  return {
    schemaVersion: LEARNER_STATE_VERSION,
    learnerId,
    eventCount: 0,
    lastEventAt: null,
    skills: {},
    items: {},
    affect: { confidence: null, mood: null, skillConfidence: {} },
    interests: [],
    preferredModalities: [],
    goals: {},
    pinned: [],
    skipped: [],
    extensions: {},
  };
}
