import { parseInput, probability } from '@pacekit/core';
import {
  type Card,
  createEmptyCard,
  forgetting_curve,
  fsrs,
  type Grade,
  generatorParameters,
  Rating,
  State,
} from 'ts-fsrs';
import * as z from 'zod/mini';

/** FSRS card states, in Pacekit's words. */
export const MEMORY_STATES = ['new', 'learning', 'review', 'relearning'] as const;
/** A recall rating, as a learner gives it on a flashcard or a grader infers it from an attempt. */
export type RecallRating = 'again' | 'hard' | 'good' | 'easy';

/**
 * The memory of one item or skill: an FSRS card as plain JSON (times in epoch ms), so it can
 * live in a learner's state and be stored anywhere.
 */
export const MemoryCardSchema = z.object({
  /** When the next review is due. */
  due: z.number(),
  /** FSRS stability S: days for retrievability to fall to 90%. */
  stability: z.number().check(z.gte(0)),
  /** FSRS difficulty D, in [1, 10]. */
  difficulty: z.number().check(z.gte(0)),
  /** Days since the previous review, at the last review. */
  elapsedDays: z.number().check(z.gte(0)),
  /** Interval that was scheduled, in days. */
  scheduledDays: z.number().check(z.gte(0)),
  /** Current (re)learning step. */
  learningSteps: z.int().check(z.gte(0)),
  /** Reviews so far. */
  reps: z.int().check(z.gte(0)),
  /** Times forgotten (rated again in review). */
  lapses: z.int().check(z.gte(0)),
  /** FSRS state. */
  state: z.literal(MEMORY_STATES),
  /** Time of the last review, or null for a new card. */
  lastReview: z.nullable(z.number()),
});

/** A memory card (see {@link MemoryCardSchema}). */
export interface MemoryCard extends z.output<typeof MemoryCardSchema> {}

/** Default desired retention: reviews are due when predicted recall falls to 90%. */
export const DEFAULT_DESIRED_RETENTION = 0.9;

/** Options of {@link createScheduler}. */
export const SchedulerOptionsSchema = z.object({
  /** Target probability of recall at review time (FSRS `request_retention`). */
  desiredRetention: z._default(
    probability.check(z.refine((r) => r > 0 && r < 1, 'must be strictly between 0 and 1')),
    DEFAULT_DESIRED_RETENTION,
  ),
  /** Longest interval, in days. */
  maximumIntervalDays: z._default(z.int().check(z.gt(0)), 36500),
  /** FSRS parameters w (personal ones from a fit; default: ts-fsrs's). */
  weights: z.optional(z.array(z.number())),
  /** Use (re)learning steps of minutes before day-scale intervals (FSRS short-term). */
  shortTerm: z._default(z.boolean(), true),
});

/** Options of {@link createScheduler} (all optional). */
export type SchedulerOptions = z.input<typeof SchedulerOptionsSchema>;

/**
 * Spaced repetition for Pacekit, through ts-fsrs (not a re-implementation): the same due dates
 * and states as calling ts-fsrs directly, on JSON cards. Fuzz is off, so schedules are
 * deterministic.
 */
export interface Scheduler {
  /** The desired retention in use. */
  readonly desiredRetention: number;
  /** A card for something not yet reviewed. */
  newCard(now: number): MemoryCard;
  /**
   * The card after a review rated `rating` at `now` (a missing card starts new); a `now` before
   * the card's last review counts as that last review.
   */
  review(card: MemoryCard | undefined, rating: RecallRating, now: number): MemoryCard;
  /** Probability of recall at `at` (0 for a card never reviewed). */
  retrievability(card: MemoryCard, at: number): number;
}

const RATINGS: Record<RecallRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

function toCard(card: MemoryCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state:
      card.state === 'new'
        ? State.New
        : card.state === 'learning'
          ? State.Learning
          : card.state === 'review'
            ? State.Review
            : State.Relearning,
    ...(card.lastReview === null ? {} : { last_review: new Date(card.lastReview) }),
  };
}

function fromCard(card: Card): MemoryCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: MEMORY_STATES[card.state]!,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/**
 * Creates a {@link Scheduler}. Options are validated; bad ones throw a `PacekitError` naming
 * the field.
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({ desiredRetention: 0.9 });
 * const card = scheduler.review(undefined, 'good', Date.now());
 * scheduler.retrievability(card, Date.now() + 86_400_000); // recall tomorrow
 * ```
 */
export function createScheduler(options: SchedulerOptions = {}): Scheduler {
  const opts = parseInput(SchedulerOptionsSchema, options, 'scheduler options');
  const params = generatorParameters({
    request_retention: opts.desiredRetention,
    maximum_interval: opts.maximumIntervalDays,
    enable_fuzz: false,
    enable_short_term: opts.shortTerm,
    ...(opts.weights ? { w: opts.weights } : {}),
  });
  const engine = fsrs(params);
  return {
    desiredRetention: opts.desiredRetention,
    newCard: (now) => fromCard(createEmptyCard(new Date(now))),
    review: (card, rating, now) => {
      // A review dated before the card's last one (a clock behind, an event from the future
      // already folded, a plan asked about the past) counts as made at that last review:
      // time never runs backwards for a card.
      const at = card?.lastReview != null ? Math.max(now, card.lastReview) : now;
      return fromCard(
        engine.next(card ? toCard(card) : createEmptyCard(new Date(at)), new Date(at), RATINGS[rating]).card,
      );
    },
    // ts-fsrs's own forgetting curve, with the elapsed whole days and rounding its
    // get_retrievability uses, minus the card conversion that call costs (next() asks often).
    retrievability: (card, at) =>
      card.state === 'new' || card.lastReview === null
        ? 0
        : forgetting_curve(
            params.w,
            Math.max(Math.floor((at - card.lastReview) / 86_400_000), 0),
            +card.stability.toFixed(8),
          ),
  };
}
