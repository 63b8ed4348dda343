import type { BktModelInput, ItemInput, SkillInput } from '@pacekit/core';

/** The service's course: a small fractions graph with three items per skill. */
export const skills: SkillInput[] = [
  { id: 'equal-parts' },
  { id: 'unit-fractions', prerequisites: ['equal-parts'] },
  { id: 'equivalent', prerequisites: ['unit-fractions'] },
  { id: 'compare', prerequisites: ['unit-fractions'] },
  { id: 'add-like', prerequisites: ['equivalent'] },
  { id: 'add-unlike', prerequisites: ['add-like', 'compare'] },
];

export const items: ItemInput[] = skills.flatMap((s) =>
  ['easy', 'core', 'stretch'].map((level, k) => ({
    id: `${s.id}/${level}`,
    skills: [s.id],
    difficulty: k - 1,
  })),
);

export const bkt: BktModelInput = {
  kind: 'bkt',
  schemaVersion: 1,
  skills: {},
  defaultParams: { pInit: 0.1, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 },
};
