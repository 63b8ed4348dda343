// A week of practice for one simulated learner, paced by Pacekit.
import { createRandom, type EventInput, type LearnerState } from '@pacekit/core';
import type { Pacer, Recommendation } from '@pacekit/pacing';
import { followPacer, type SimulatedLearner } from '@pacekit/pacing/sim';

/** What one day looked like. */
export interface DaySummary {
  right: number;
  tries: number;
  /** Skills mastered at the end of the day. */
  mastered: number;
  /** Activities by kind. */
  kinds: Record<string, number>;
  /** The day's first recommendation. */
  first: Recommendation | undefined;
  /** Σ P(L) over the course's skills at the end of the day: knowledge, in skills. */
  knowledge: number;
  /** Skills on which the learner is flagged as needing a teacher's help at the end of the day. */
  needsHelp: string[];
  /** The learner's state at the end of the day. */
  state: LearnerState;
}

/** Follows `learner` for `days` days of `minutes` each from `start`, answering from the simulated truth. */
export function followWeek(
  pacer: Pacer,
  learner: SimulatedLearner,
  setup: EventInput[],
  options: { start: number; days?: number; minutes?: number },
): DaySummary[] {
  const days = options.days ?? 7;
  const tally = Array.from({ length: days }, () => ({
    right: 0,
    tries: 0,
    kinds: {} as Record<string, number>,
    first: undefined as Recommendation | undefined,
  }));
  const { byDay } = followPacer({
    pacer,
    learner,
    random: createRandom(11),
    start: options.start,
    days,
    minutes: options.minutes ?? 15,
    state: pacer.learner.replay(learner.id, setup),
    stopWhenAllMastered: true,
    onAttempt: (day, next, correct) => {
      const t = tally[day]!;
      t.first ??= next;
      t.kinds[next.kind] = (t.kinds[next.kind] ?? 0) + 1;
      t.right += correct ? 1 : 0;
      t.tries++;
    },
  });
  const out = byDay.map((state, day) => ({
    ...tally[day]!,
    mastered: pacer.graph.topologicalOrder.filter((s) => pacer.learner.isMastered(state, s)).length,
    knowledge: pacer.graph.topologicalOrder.reduce((sum, s) => sum + pacer.learner.mastery(state, s), 0),
    needsHelp: pacer.needsHelp(state).map((s) => s.skillId),
    state,
  }));
  return out;
}
