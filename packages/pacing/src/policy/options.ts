import { probability } from '@pacekit/core';
import * as z from 'zod/mini';

/** Default target success rate for new learning: hard enough to grow, not so hard as to discourage. */
export const DEFAULT_TARGET_SUCCESS = 0.75;

/** Options of `next()`. */
export const NextOptionsSchema = z.object({
  /** The current time (epoch ms): passed in, never read from the clock. */
  now: z.int().check(z.gte(0)),
  /** How many recommendations at most. */
  limit: z._default(z.int().check(z.gte(1), z.lte(1000)), 5),
  /** Predicted success to aim for in new learning (per learner). */
  targetSuccess: z._default(probability, DEFAULT_TARGET_SUCCESS),
  /** Seed for breaking ties: the same inputs and seed give the same list. */
  seed: z._default(z.int(), 0),
  /** Misses in a row on a skill from which an easier item comes first (default: the pacer's `struggle.after`). */
  struggleAfter: z.optional(z.int().check(z.gte(1))),
  /** Self-reported confidence below which a skill starts with easier items. */
  lowConfidence: z._default(probability, 0.3),
  /** Successes in a row on a skill not yet mastered that earn a challenge (a harder item). */
  challengeAfter: z._default(z.int().check(z.gte(1)), 2),
  /** Restrict new learning to these skills and their prerequisites (e.g. this week's unit). */
  focus: z.optional(z.array(z.string().check(z.minLength(1)))),
  /**
   * Distinct options for the learner to choose among (e.g. 3): each of a different skill, of as
   * many different kinds as there are, best first. When set, `next()` returns this many at most
   * (instead of `limit`). Record the learner's pick as a self-report with `pick`.
   */
  choices: z.optional(z.int().check(z.gte(1), z.lte(20))),
  /**
   * Only items of these modalities (e.g. a practice box asks for `['practice']`, a flashcard
   * deck for `['flashcard']`); default: any.
   */
  modalities: z.optional(z.array(z.string().check(z.minLength(1)))),
});

/** Options of `next()` (only `now` is required). */
export type NextOptions = z.input<typeof NextOptionsSchema>;

/**
 * What a course designer may tune in the policy. Every activity is valued in one currency —
 * expected mastery (P(L)) gained, or kept, per minute — and these say how much each kind of
 * value counts. The defaults were tuned on the simulator (docs/benchmarks.md).
 */
export const PolicyTuningSchema = z.object({
  /** Added to a teacher-pinned activity's score: pins come first. */
  pinned: z._default(z.number().check(z.gte(0)), 100),
  /** Value of a review, per unit of recall probability lost (1 − retrievability). */
  review: z._default(z.number().check(z.gte(0)), 0.8),
  /**
   * Recall probability at or below which a mastered skill is offered for review. Higher than
   * FSRS's usual 0.9: a skill is what later work builds on, and in simulation 0.95 kept as much
   * as Leitner reviews at no cost in time to learn the course.
   */
  reviewRetention: z._default(probability, 0.9),
  /** Value of a prerequisite check, per unit of probability that the prerequisite is not known. */
  check: z._default(z.number().check(z.gte(0)), 1),
  /**
   * How much each miss in a row on a skill multiplies the odds that a prerequisite it builds on
   * is not really known (a likelihood ratio).
   */
  missEvidence: z._default(z.number().check(z.gte(1)), 1.6),
  /** Hours after a right answer on a skill during which it counts as verified (never re-checked). */
  verifiedHours: z._default(z.number().check(z.gte(0)), 24),
  /** Multiplier of new learning toward a goal (1 + this). */
  goal: z._default(z.number().check(z.gte(0)), 0.5),
  /** Extra multiplier as a goal's deadline nears (within 30 days). */
  deadline: z._default(z.number().check(z.gte(0)), 0.5),
  /** Value of an instructional item (lesson, worked example) for a learner who is stuck. */
  instruction: z._default(z.number().check(z.gte(0)), 0.5),
  /** Value of a review of a mastered skill during a break from another (a success while the missed skill waits). */
  breakReview: z._default(z.number().check(z.gte(0)), 0.02),
  /**
   * Misses in a row, across skills, after which a quick win comes next: a review of the mastered
   * skill the learner is likeliest to get right (0 turns it off). Learners who give up after a
   * run of misses quit far less often with it (docs/benchmarks.md).
   */
  boostAfter: z._default(z.int().check(z.gte(0)), 2),
  /** Value of that quick win. */
  boost: z._default(z.number().check(z.gte(0)), 0.5),
  /**
   * Who gets quick wins. `'early-stoppers'`: a learner in their first session (nothing is known
   * of them yet), one who reported frustration within `moodMinutes`, one flagged as needing help,
   * and one who stopped a session early in a run of misses within their last `boostSessions`
   * sessions (see `SessionTrack`) —
   * learners who do not give up keep the minutes (docs/benchmarks.md). `'everyone'`: every
   * learner at `boostAfter` misses in a row.
   */
  boostFor: z._default(z.literal(['early-stoppers', 'everyone']), 'early-stoppers'),
  /** Sessions after an early stop during which quick wins are offered (`boostFor: 'early-stoppers'`). */
  boostSessions: z._default(z.int().check(z.gte(1)), 20),
  /** Multiplier of a skill's value while the learner takes a break from it. */
  onBreak: z._default(z.number().check(z.gte(0), z.lte(1)), 0.05),
  /** Value added for an item about the learner's interests. */
  interest: z._default(z.number().check(z.gte(0)), 0.03),
  /** Value added for an item in a modality the learner prefers. */
  modality: z._default(z.number().check(z.gte(0)), 0.02),
  /** Subtracted per unit of distance between an item's predicted success and the aim. */
  offTarget: z._default(z.number().check(z.gte(0)), 0.05),
  /**
   * Subtracted from the skill practised last: positive interleaves, negative keeps a learner on
   * a skill until it is mastered (fewer days between a skill's first answers, so less forgetting
   * before mastery is confirmed).
   */
  repeat: z._default(z.number(), 0.01),
  /**
   * Weight of what an attempt that can complete mastery unlocks (a right answer would take P(L)
   * over the threshold): P(right) × (the skill's learn rate + the learning value of each
   * dependant it makes ready).
   */
  unlock: z._default(z.number().check(z.gte(0)), 1),
  /** Predicted success to aim for on an easier item after misses. */
  easierAim: z._default(probability, 0.85),
  /** How far below the target a challenge aims. */
  challengeStretch: z._default(probability, 0.2),
  /** Distance from the target within which an item counts as at the target difficulty. */
  targetTolerance: z._default(probability, 0.1),
  /** Modalities that teach rather than test (offered to a learner who is stuck). */
  instructionModalities: z._default(z.array(z.string().check(z.minLength(1))), [
    'lesson',
    'worked-example',
    'video',
  ]),
  /** Minutes for which a reported mood (frustrated, confused, bored) shapes the next pick. */
  moodMinutes: z._default(z.number().check(z.gte(0)), 60),
});

/** Policy tuning as accepted (every field optional). */
export type PolicyTuningInput = z.input<typeof PolicyTuningSchema>;
/** Policy tuning (see {@link PolicyTuningSchema}). */
export type PolicyTuning = z.output<typeof PolicyTuningSchema>;

/** The default policy tuning. */
export const DEFAULT_POLICY_TUNING: Readonly<PolicyTuning> = Object.freeze(PolicyTuningSchema.parse({}));
