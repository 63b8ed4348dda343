import { type Bkt, type LearnerModelPlugin, type LearnerState, logit, sigmoid } from '@pacekit/core';
import { memoryOf } from '../memory/memoryPlugin';
import type { Scheduler } from '../memory/scheduler';

/** Key of the pace slice in `LearnerState.extensions`. */
export const PACE_KEY = 'pace';

/**
 * How far this learner's answers sit from the model's predictions: an offset on the logit of
 * every prediction, learned online Elo-style (Pelánek's adaptive practice) from the learner's
 * own responses, starting at 0 (the population). Plain JSON in `state.extensions.pace`.
 */
export interface PaceState {
  /** Offset added to the logit of P(correct), in [−4, 4]; negative when the learner does worse than predicted. */
  offset: number;
  /** Responses it was learned from. */
  responses: number;
}

/** Step size of the first update; later ones shrink as α / (1 + β·n) (the Elo uncertainty function). */
export const PACE_ALPHA = 0.4;
/** How fast the step size shrinks with the responses seen. */
export const PACE_BETA = 0.02;

/** The pace slice of `state` (offset 0 for a new learner). */
export function paceOf(state: LearnerState): PaceState {
  return (state.extensions[PACE_KEY] as PaceState | undefined) ?? { offset: 0, responses: 0 };
}

/** A model prediction `p` for an item of logit `difficulty`, moved by the learner's offset. */
export function adjustPrediction(p: number, difficulty: number, offset: number): number {
  return difficulty === 0 && offset === 0 ? p : sigmoid(logit(p) - difficulty + offset);
}

/**
 * The plugin that learns the learner's offset: after each attempt or review, the offset moves
 * by K·(response − prediction), K = α / (1 + β·n), bounded to ±4. The prediction is the one the
 * pacer makes (see `pacer.predict`): BKT from P(L) × each skill's recall at the time, by the
 * item's difficulty and the offset so far. It must run before the memory plugin, whose cards
 * it reads as they were before the response.
 */
export function createPacePlugin(bkt: Bkt, scheduler: Scheduler): LearnerModelPlugin<PaceState> {
  return {
    key: PACE_KEY,
    initial: () => ({ offset: 0, responses: 0 }),
    apply: (slice, event, { score, priorMastery, skillIds, catalog, state }) => {
      if (
        score === undefined ||
        priorMastery === undefined ||
        (event.type !== 'attempt' && event.type !== 'review')
      )
        return slice;
      const memory = memoryOf(state).skills;
      let predicted = 1;
      for (let i = 0; i < skillIds.length; i++) {
        const card = memory[skillIds[i]!]?.card;
        const recall = card && card.lastReview !== null ? scheduler.retrievability(card, event.at) : 1;
        predicted = Math.min(predicted, bkt.predict(skillIds[i]!, priorMastery[i]! * recall, event.itemId));
      }
      const difficulty = catalog?.has(event.itemId) ? (catalog.get(event.itemId).difficulty ?? 0) : 0;
      const p = adjustPrediction(predicted, difficulty, slice.offset);
      const k = PACE_ALPHA / (1 + PACE_BETA * slice.responses);
      const offset = Math.max(-4, Math.min(4, slice.offset + k * (score - p)));
      return { offset, responses: slice.responses + 1 };
    },
  };
}
