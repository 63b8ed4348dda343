// A week of practice for one simulated learner, paced by Pacekit.
import { createRandom, type EventInput, type LearnerState } from '@pacekit/core';
import type { Pacer, Recommendation } from '@pacekit/pacing';
import { practise, type SimulatedLearner } from '@pacekit/pacing/sim';

const DAY = 86_400_000;

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
  const random = createRandom(11);
  let state: LearnerState = pacer.learner.replay(learner.id, setup);
  let n = 0;
  const out: DaySummary[] = [];
  for (let day = 0; day < (options.days ?? 7); day++) {
    let clock = options.start + day * DAY;
    const end = clock + (options.minutes ?? 15) * 60_000;
    const kinds: Record<string, number> = {};
    let first: Recommendation | undefined;
    let right = 0;
    let tries = 0;
    while (clock < end) {
      const [next] = pacer.next(state, { now: clock });
      if (!next || next.reasons[0]?.code === 'all-mastered') break;
      first ??= next;
      kinds[next.kind] = (kinds[next.kind] ?? 0) + 1;
      const correct = practise(learner, pacer.graph, next.skillId, clock, random);
      right += correct ? 1 : 0;
      tries++;
      state = pacer.learner.apply(state, {
        id: `${learner.id}-${n++}`,
        learnerId: learner.id,
        at: clock,
        type: 'attempt',
        itemId: next.itemId,
        correct,
        hintsUsed: 0,
      });
      clock += pacer.catalog.get(next.itemId).durationSeconds * 1000;
    }
    const mastered = pacer.graph.topologicalOrder.filter((s) => pacer.learner.isMastered(state, s)).length;
    const needsHelp = pacer.needsHelp(state).map((s) => s.skillId);
    const knowledge = pacer.graph.topologicalOrder.reduce(
      (sum, s) => sum + pacer.learner.mastery(state, s),
      0,
    );
    out.push({ right, tries, mastered, kinds, first, knowledge, needsHelp, state });
  }
  return out;
}
