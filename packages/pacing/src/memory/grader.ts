import type { AttemptEvent, Item } from '@pacekit/core';
import * as z from 'zod/mini';
import type { RecallRating } from './scheduler';

/** Default: slower than 1.5 × the item's expected duration is slow. */
export const DEFAULT_SLOW_FACTOR = 1.5;
/** Default: faster than 0.5 × the item's expected duration is fast. */
export const DEFAULT_FAST_FACTOR = 0.5;

/** How attempts become recall ratings. */
export const GraderOptionsSchema = z.object({
  /** A correct answer slower than this × the item's `durationSeconds` is rated hard. */
  slowFactor: z._default(z.number().check(z.gt(0)), DEFAULT_SLOW_FACTOR),
  /** A correct answer faster than this × the item's `durationSeconds` is rated easy. */
  fastFactor: z._default(z.number().check(z.gt(0)), DEFAULT_FAST_FACTOR),
  /** Per-item thresholds in milliseconds, overriding the factors. */
  items: z._default(
    z.record(
      z.string(),
      z.object({
        slowMs: z.optional(z.number().check(z.gt(0))),
        fastMs: z.optional(z.number().check(z.gt(0))),
      }),
    ),
    {},
  ),
});

/** Options of {@link createGrader} (all optional). */
export type GraderOptions = z.input<typeof GraderOptionsSchema>;

/** Turns an attempt into a recall rating. */
export type Grader = (attempt: AttemptEvent, item: Item | undefined) => RecallRating;

/**
 * The default grader: wrong (score below 0.5) → again; right with hints or slow → hard; right
 * and fast → easy; otherwise good. Without a response time, a right answer is good.
 */
export function createGrader(options: z.output<typeof GraderOptionsSchema>): Grader {
  return (attempt, item) => {
    const score = attempt.score ?? (attempt.correct ? 1 : 0);
    if (score < 0.5) return 'again';
    if (attempt.hintsUsed > 0) return 'hard';
    const time = attempt.responseTimeMs;
    if (time === undefined) return 'good';
    const expectedMs = (item?.durationSeconds ?? 60) * 1000;
    const own = options.items[attempt.itemId];
    if (time > (own?.slowMs ?? options.slowFactor * expectedMs)) return 'hard';
    if (time < (own?.fastMs ?? options.fastFactor * expectedMs)) return 'easy';
    return 'good';
  };
}
