import { createRandom, type LearnerState } from '@pacekit/core';
import type { Pacer } from '@pacekit/pacing';
import { createPopulation, practise } from '@pacekit/pacing/sim';

const DAY = 86_400_000;

/** The seeded class: 24 simulated pupils, of whom these four cannot learn (they only guess). */
export const STRUGGLERS = ['pupil-3', 'pupil-9', 'pupil-15', 'pupil-21'];

/** A pupil's display name. */
export const pupilName = (learnerId: string): string =>
  learnerId === 'me' ? 'You (this page)' : `Pupil ${Number(learnerId.slice(6)) + 1}`;

/**
 * A class of 24 simulated pupils who practised 15 minutes a day for the three days before `now`,
 * paced by the same pacer as the page; the four in {@link STRUGGLERS} never learn. Deterministic.
 */
export function seededClass(pacer: Pacer, now: number): LearnerState[] {
  const population = createPopulation({ size: 24, seed: 12 });
  return population.map((learner, i) => {
    const id = `pupil-${i}`;
    if (STRUGGLERS.includes(id)) learner.learnRate = 0;
    const random = createRandom(4).fork(i);
    let state = pacer.learner.initialState(id);
    let n = 0;
    const start = Math.floor(now / DAY) * DAY - 3 * DAY + 9 * 3_600_000;
    for (let day = 0; day < 3; day++)
      for (let at = start + day * DAY; at < start + day * DAY + 15 * 60_000; at += 45_000) {
        const [next] = pacer.next(state, { now: at, modalities: ['practice'] });
        if (!next) break;
        const correct = practise(learner, pacer.graph, next.skillId, at, random);
        state = pacer.learner.apply(state, {
          id: `${id}-${n++}`,
          learnerId: id,
          at,
          type: 'attempt',
          itemId: next.itemId,
          correct,
          hintsUsed: 0,
        });
      }
    return state;
  });
}
