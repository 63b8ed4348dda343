import { createRandom, type LearnerState } from '@pacekit/core';
import type { Pacer } from '@pacekit/pacing';
import { createPopulation, followPacer } from '@pacekit/pacing/sim';

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
    return followPacer({
      pacer,
      learner,
      learnerId: id,
      random: createRandom(4).fork(i),
      start: Math.floor(now / DAY) * DAY - 3 * DAY + 9 * 3_600_000,
      days: 3,
      minutes: 15,
      stepMs: 45_000,
      next: { modalities: ['practice'] },
    }).state;
  });
}
