// The fractions course of `pnpm start`, paced with BKT parameters fitted on real students.
import type { BktModel } from '@pacekit/core';
import { createPacer, type Pacer } from '@pacekit/pacing';
import { createPopulation, type SimulatedLearner } from '@pacekit/pacing/sim';

export const skills = [
  { id: 'equal-parts', name: 'Equal parts', topics: ['pizza'] },
  { id: 'unit-fractions', name: 'Unit fractions', prerequisites: ['equal-parts'], topics: ['pizza'] },
  { id: 'compare', name: 'Comparing fractions', prerequisites: ['unit-fractions'], topics: ['sport'] },
  { id: 'equivalent', name: 'Equivalent fractions', prerequisites: ['unit-fractions'], topics: ['space'] },
  { id: 'add-like', name: 'Adding like fractions', prerequisites: ['equivalent'], topics: ['space'] },
  {
    id: 'add-unlike',
    name: 'Adding unlike fractions',
    prerequisites: ['add-like', 'compare'],
    topics: ['space'],
  },
  { id: 'multiply', name: 'Multiplying fractions', prerequisites: ['equivalent'], topics: ['sport'] },
  {
    id: 'word-problems',
    name: 'Word problems',
    prerequisites: ['add-unlike', 'multiply'],
    topics: ['space', 'sport'],
  },
];

/**
 * The course's skills borrow the learn, guess and slip rates fitted on the most-practised
 * ASSISTments skills whose parameters can pace: learnable by practice (pLearn ≥ 0.05), no single
 * answer decisive (guess and slip ≥ 0.05), answers informative (guess < 0.45, slip < 0.3). Their
 * priors do not carry over (those students had met the skills before): every skill starts at
 * P(L0) = 0.1. The pacer checks the model strictly, so a degenerate skill would stop the job.
 */
export function fractionsCourse(fitted: BktModel): { pacer: Pacer; name: (skillId: string) => string } {
  const healthy = Object.entries(fitted.skills)
    .filter(
      ([, s]) => s.pLearn >= 0.05 && s.pGuess >= 0.05 && s.pGuess < 0.45 && s.pSlip >= 0.05 && s.pSlip < 0.3,
    )
    .sort((a, b) => b[1].fit!.responses - a[1].fit!.responses);
  const bkt: BktModel = {
    ...fitted,
    skills: Object.fromEntries(
      skills.map((s, i) => [
        s.id,
        { ...healthy[i % healthy.length]![1], pInit: 0.1, pForget: 0, fit: undefined },
      ]),
    ),
  };
  const items = skills.flatMap((s) => [
    ...['easy', 'core', 'stretch'].map((level, k) => ({
      id: `${s.id}/${level}`,
      skills: [s.id],
      difficulty: k - 1,
      topics: s.topics,
      modality: k === 2 ? 'video' : 'practice',
      durationSeconds: 90,
    })),
    { id: `${s.id}/worked-example`, skills: [s.id], modality: 'worked-example', durationSeconds: 180 },
  ]);
  const pacer = createPacer({ skills, items, bkt, modelCheck: 'strict' });
  return { pacer, name: (skillId) => skills.find((s) => s.id === skillId)!.name };
}

/** The three learners of `pnpm start`: quick, struggling, and keen (with interests and a deadline). */
export function createLearners(): Record<'quick' | 'struggling' | 'keen', SimulatedLearner> {
  const [quick, struggling, keen] = createPopulation({ size: 3, seed: 7 }) as [
    SimulatedLearner,
    SimulatedLearner,
    SimulatedLearner,
  ];
  Object.assign(quick, { learnRate: 0.55, slip: 0.05 });
  Object.assign(struggling, { learnRate: 0.12, slip: 0.15, guess: 0.15 });
  Object.assign(keen, { learnRate: 0.3 });
  return { quick, struggling, keen };
}
