import type { EventInput, LearnerState, Random } from '@pacekit/core';
import type { Pacer } from '../createPacer';
import type { Recommendation } from '../policy/next';
import type { NextOptions } from '../policy/options';
import { practise, type SimulatedLearner } from './learners';

const DAY = 86_400_000;

/** Options of {@link followPacer}. */
export interface FollowOptions {
  pacer: Pacer;
  /** The simulated learner who answers (their ground truth: the BKT + FSRS family). */
  learner: SimulatedLearner;
  /** Draws for the learner's answers. */
  random: Random;
  /** Start of the first session (epoch ms); each next session starts a day later. */
  start: number;
  /** Sessions, one a day. */
  days: number;
  /** Minutes per session. */
  minutes: number;
  /** The learner id in the events (default: the simulated learner's id). */
  learnerId?: string;
  /** The state to start from (default: a new learner). */
  state?: LearnerState;
  /** Milliseconds each attempt takes (default: the item's `durationSeconds`). */
  stepMs?: number;
  /** Options passed to every `next()` (besides `now`). */
  next?: Omit<NextOptions, 'now'>;
  /** End a session when all that is left is maintenance of a mastered course (`all-mastered`). */
  stopWhenAllMastered?: boolean;
  /** Told each attempt: the day, what was recommended, and whether the learner got it right. */
  onAttempt?: (day: number, recommendation: Recommendation, correct: boolean) => void;
}

/**
 * A simulated learner following the pacer: each session they do the top recommendation, answer
 * it from their ground truth, and the attempt is folded into their state, until the session's
 * minutes are over (or nothing is recommended). Returns the final state, the events (to store
 * or post elsewhere) and the state at the end of each session.
 */
export function followPacer(options: FollowOptions): {
  state: LearnerState;
  events: EventInput[];
  byDay: LearnerState[];
} {
  const { pacer, learner, random } = options;
  const learnerId = options.learnerId ?? learner.id;
  let state = options.state ?? pacer.learner.initialState(learnerId);
  const events: EventInput[] = [];
  const byDay: LearnerState[] = [];
  for (let day = 0; day < options.days; day++) {
    let clock = options.start + day * DAY;
    const end = clock + options.minutes * 60_000;
    while (clock < end) {
      const [top] = pacer.next(state, { ...options.next, now: clock });
      if (!top || (options.stopWhenAllMastered && top.reasons[0]?.code === 'all-mastered')) break;
      const correct = practise(learner, pacer.graph, top.skillId, clock, random);
      options.onAttempt?.(day, top, correct);
      const event = {
        id: `${learnerId}-${events.length}`,
        learnerId,
        at: clock,
        type: 'attempt' as const,
        itemId: top.itemId,
        correct,
        hintsUsed: 0,
      };
      events.push(event);
      state = pacer.learner.apply(state, event);
      clock += options.stepMs ?? pacer.catalog.get(top.itemId).durationSeconds * 1000;
    }
    byDay.push(state);
  }
  return { state, events, byDay };
}
