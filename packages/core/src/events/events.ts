import * as z from 'zod/mini';
import { id, isText, parseInput, text } from '../validation';

/** The latest timestamp accepted: the last millisecond of the year 9999 (UTC). */
export const MAX_TIMESTAMP = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** `YYYY-MM-DDTHH:MM:SS(.s…)` with `Z` or `±HH:MM`: the groups are the year, month and day. */
const ISO_DATE_TIME =
  /^(\d{4})-(\d\d)-(\d\d)T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/**
 * Whether `text` is an ISO 8601 date and time with an offset, exactly as zod's
 * `iso.datetime({ offset: true })` decides (a property test holds the two equal) — without
 * zod's ISO machinery in every app's bundle. A day the month does not have is refused.
 *
 * @internal
 */
export function isIsoDateTime(text: string): boolean {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : 30 + ((month + (month >> 3)) & 1);
  return month >= 1 && month <= 12 && day >= 1 && day <= days;
}

/**
 * A point in time: epoch milliseconds, or an ISO 8601 date-time string (normalised to
 * milliseconds); either way from 1970-01-01T00:00:00Z to the end of the year 9999, so every
 * date Pacekit derives from it (a review due in 100 years) is a valid `Date`.
 */
export const TimestampSchema = z.pipe(
  z.union(
    [
      z.number(),
      z.pipe(
        z.string().check(z.refine(isIsoDateTime)),
        z.transform((text) => Date.parse(text)),
      ),
    ],
    { error: 'expected epoch milliseconds or an ISO 8601 date and time with an offset' },
  ),
  z
    .int()
    .check(
      z.gte(0, 'must be 1970-01-01T00:00:00Z (epoch 0) or later'),
      z.lte(MAX_TIMESTAMP, 'must be before the year 10000'),
    ),
);

const base = {
  /** Unique id of the event: recording the same id twice changes nothing (idempotency key). */
  id,
  /** The learner the event is about. */
  learnerId: id,
  /** When it happened (epoch ms or ISO 8601). Events are applied in `at` order. */
  at: TimestampSchema,
};

/** The learner answered or did an item. */
export const AttemptEventSchema = z
  .object({
    ...base,
    type: z.literal('attempt'),
    /** The item. */
    itemId: id,
    /** Right or wrong. Give this or `score`. */
    correct: z.optional(z.boolean()),
    /** Partial credit in [0, 1]. Give this or `correct`. */
    score: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** Time to respond, in milliseconds. */
    responseTimeMs: z.optional(z.number().check(z.gte(0))),
    /** Hints used before answering. */
    hintsUsed: z._default(z.int().check(z.gte(0)), 0),
    /** Skills this attempt is evidence for, when not the item's own (rarely needed). */
    skillIds: z.optional(z.array(id).check(z.minLength(1))),
  })
  .check(
    z.refine((e) => e.correct !== undefined || e.score !== undefined, {
      message: 'an attempt needs "correct" or "score"',
      path: ['correct'],
    }),
  );

/** Flashcard review ratings, as in FSRS/Anki. */
export const RatingSchema = z.literal(['again', 'hard', 'good', 'easy']);

/** The learner reviewed a flashcard and rated their recall. */
export const ReviewEventSchema = z.object({
  ...base,
  type: z.literal('review'),
  /** The flashcard item. */
  itemId: id,
  /** Recall rating. */
  rating: RatingSchema,
  /** Time to respond, in milliseconds. */
  responseTimeMs: z.optional(z.number().check(z.gte(0))),
});

/** Up to 100 short labels (topics, modalities): each 1 to 200 characters of text. */
const labels = z.array(text.check(z.minLength(1), z.maxLength(200))).check(z.maxLength(100));

/** Moods a learner can report. */
export const MoodSchema = z.literal(['frustrated', 'confused', 'bored', 'neutral', 'engaged', 'confident']);

/** The learner said how they feel or what interests them: their own voice. */
export const SelfReportEventSchema = z
  .object({
    ...base,
    type: z.literal('self-report'),
    /** The skill the report is about (omit for overall). */
    skillId: z.optional(id),
    /** How confident they feel, in [0, 1]. */
    confidence: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** Topics they are interested in (replaces earlier ones). */
    interests: z.optional(labels),
    /** Modalities they prefer, e.g. `video`, `hands-on` (replaces earlier ones). */
    preferredModalities: z.optional(labels),
    /** How they feel. */
    mood: z.optional(MoodSchema),
    /** An item they chose among the options offered them (`next({ choices })`): it comes first until done. */
    pick: z.optional(id),
  })
  .check(
    z.refine(
      (e) =>
        e.confidence !== undefined ||
        e.interests !== undefined ||
        e.mood !== undefined ||
        e.preferredModalities !== undefined ||
        e.pick !== undefined,
      {
        message: 'a self-report needs confidence, interests, preferredModalities, mood or pick',
        path: ['confidence'],
      },
    ),
  );

/** A goal set by the learner or a teacher: skills to master, optionally by a deadline. */
export const GoalEventSchema = z.object({
  ...base,
  type: z.literal('goal'),
  /** The goal's id; a later goal event with the same id replaces it (default: the event id). */
  goalId: z.optional(id),
  /** Skills to master. */
  skillIds: z.array(id).check(z.minLength(1)),
  /** When they should be mastered. */
  deadline: z.optional(TimestampSchema),
  /** Who set it. */
  setBy: z._default(z.literal(['learner', 'teacher']), 'learner'),
  /** `cancelled` removes the goal. */
  status: z._default(z.literal(['active', 'cancelled']), 'active'),
});

/**
 * Teacher actions: they always win over the model. `focus` restricts new learning to a unit
 * (`skillIds`, empty to clear); `sequence` sets the order in which to learn `skillIds` (empty to
 * clear); `note` keeps the teacher's `note` in the learner's state.
 */
export const OverrideActionSchema = z.literal([
  'mark-mastered',
  'reset',
  'pin',
  'unpin',
  'skip',
  'unskip',
  'focus',
  'sequence',
  'note',
]);

/**
 * A teacher's override: mark a skill mastered, reset it, pin/skip an item or skill (a pin can
 * expire), set a unit to focus on or a sequence, or leave a note.
 */
export const OverrideEventSchema = z
  .object({
    ...base,
    type: z.literal('override'),
    action: OverrideActionSchema,
    /** The skill acted on (required for mark-mastered and reset). */
    skillId: z.optional(id),
    /** The item acted on (pin/skip an item). */
    itemId: z.optional(id),
    /** Who did it (a teacher id). */
    by: z.optional(id),
    /** Why, in their words (for `note`, the note itself). */
    note: z.optional(text.check(z.maxLength(2000))),
    /** The unit (`focus`) or the order (`sequence`) of skills; empty clears it. */
    skillIds: z.optional(z.array(id).check(z.maxLength(1000))),
    /** A pin expires at this time. */
    expiresAt: z.optional(TimestampSchema),
    /** A pin expires after this many attempts on what it pins (default: 1 for an item, none for a skill). */
    expiresAfterAttempts: z.optional(z.int().check(z.gte(1), z.lte(1000))),
  })
  .check(
    z.refine(
      (e) =>
        e.action === 'mark-mastered' || e.action === 'reset'
          ? e.skillId !== undefined
          : e.action === 'focus' || e.action === 'sequence'
            ? e.skillIds !== undefined
            : e.action === 'note'
              ? e.note !== undefined
              : (e.skillId ?? e.itemId) !== undefined,
      {
        message:
          'mark-mastered and reset need a skillId; pin, unpin, skip and unskip need an itemId or a skillId; focus and sequence need skillIds; note needs a note',
        path: ['skillId'],
      },
    ),
  );

/**
 * The outcome of a placement (e.g. `createGraphPlacement(...).result().pMastery`): P(mastered)
 * per skill, which becomes the learner's starting estimate for each skill they have not
 * practised yet.
 */
export const PlacementEventSchema = z.object({
  ...base,
  type: z.literal('placement'),
  /** P(mastered) per skill. */
  pMastery: z.record(id, z.number().check(z.gte(0), z.lte(1))),
});

/**
 * Evidence about a learner: what they did, said, aimed for, or what a teacher decided.
 * Discriminated by `type`. Unknown fields are stripped; a bad field is rejected with a message
 * naming it.
 */
export const EventSchema = z.discriminatedUnion('type', [
  AttemptEventSchema,
  ReviewEventSchema,
  SelfReportEventSchema,
  GoalEventSchema,
  OverrideEventSchema,
  PlacementEventSchema,
]);

/** An event as accepted (timestamps may be ISO strings; defaults may be left out). */
export type EventInput = z.input<typeof EventSchema>;
/** A validated event (timestamps in epoch ms). */
export type LearnerEvent =
  | AttemptEvent
  | ReviewEvent
  | SelfReportEvent
  | GoalEvent
  | OverrideEvent
  | PlacementEvent;
/** A validated attempt. */
export interface AttemptEvent extends z.output<typeof AttemptEventSchema> {}
/** A validated review. */
export interface ReviewEvent extends z.output<typeof ReviewEventSchema> {}
/** A validated self-report. */
export interface SelfReportEvent extends z.output<typeof SelfReportEventSchema> {}
/** A validated goal. */
export interface GoalEvent extends z.output<typeof GoalEventSchema> {}
/** A validated placement. */
export interface PlacementEvent extends z.output<typeof PlacementEventSchema> {}
/** A validated override. */
export interface OverrideEvent extends z.output<typeof OverrideEventSchema> {}

/**
 * Validates one event. Throws a `PacekitError` (`INVALID_EVENT`) whose message names each bad
 * field and the value found, e.g. `Invalid event: "score": must be at most 1 (got 1.5)`.
 */
export function parseEvent(input: unknown): LearnerEvent {
  return parseAttemptFast(input) ?? parseInput(EventSchema, input, 'event', 'INVALID_EVENT');
}

/**
 * Builds one event written in code: the same validation as {@link parseEvent}, but typed, so a
 * misspelt field, a wrong value or a missing one is a compile error, not a runtime one. Use
 * `parseEvent` for data of unknown shape (JSON, a request body).
 *
 * @example
 * ```ts
 * pacer.learner.apply(state, createEvent({ type: 'attempt', id: 'e1', learnerId: 'ada', at: now, itemId: 'q1', correct: true }));
 * ```
 */
export function createEvent(input: EventInput): LearnerEvent {
  return parseEvent(input);
}

const ATTEMPT_KEYS = new Set([
  'id',
  'learnerId',
  'at',
  'type',
  'itemId',
  'correct',
  'score',
  'responseTimeMs',
  'hintsUsed',
]);
const isId = (v: unknown): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= 200 && v !== '__proto__' && isText(v);

/**
 * The commonest event — a plain attempt, every field valid, no unknown field — checked by hand,
 * giving exactly what the schema gives, several times faster (replay validates every event).
 * Anything else (undefined) goes through the schema, which also words the errors.
 */
function parseAttemptFast(input: unknown): AttemptEvent | undefined {
  if (typeof input !== 'object' || input === null || Object.getPrototypeOf(input) !== Object.prototype)
    return;
  const e = input as Record<string, unknown>;
  if (e.type !== 'attempt') return;
  for (const key in e) if (!ATTEMPT_KEYS.has(key) || e[key] === undefined) return;
  if (Object.hasOwn(e, '__proto__')) return;
  const { id, learnerId, at, itemId, correct, score, responseTimeMs, hintsUsed } = e;
  if (!isId(id) || !isId(learnerId) || !isId(itemId)) return;
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at > MAX_TIMESTAMP) return;
  if (correct !== undefined && typeof correct !== 'boolean') return;
  if (score !== undefined && !(typeof score === 'number' && score >= 0 && score <= 1)) return;
  if (correct === undefined && score === undefined) return;
  if (
    responseTimeMs !== undefined &&
    !(typeof responseTimeMs === 'number' && responseTimeMs >= 0 && Number.isFinite(responseTimeMs))
  )
    return;
  if (hintsUsed !== undefined && !(Number.isSafeInteger(hintsUsed) && (hintsUsed as number) >= 0)) return;
  // The schema's key order: its fields as declared, optional ones only when given.
  const out: Record<string, unknown> = { id, learnerId, at, type: 'attempt', itemId };
  if (correct !== undefined) out.correct = correct;
  if (score !== undefined) out.score = score;
  if (responseTimeMs !== undefined) out.responseTimeMs = responseTimeMs;
  out.hintsUsed = hintsUsed ?? 0;
  return out as AttemptEvent;
}

/** Orders events as they are applied: by `at`, then by `id` so equal times fold the same way everywhere. */
export function compareEvents(a: LearnerEvent, b: LearnerEvent): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
