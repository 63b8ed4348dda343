import type { ItemInput, SkillInput } from '@pacekit/core';

/** Four skills of a fractions unit, each with three questions from easy to hard. */
export const skills: SkillInput[] = [
  { id: 'equal-parts', name: 'Equal parts' },
  { id: 'unit-fractions', name: 'Unit fractions', prerequisites: ['equal-parts'] },
  { id: 'equivalent', name: 'Equivalent fractions', prerequisites: ['unit-fractions'] },
  { id: 'add-like', name: 'Adding like fractions', prerequisites: ['equivalent'] },
];

export const items: ItemInput[] = skills.flatMap((skill) =>
  [-1, 0, 1].map((difficulty, i) => ({ id: `${skill.id}-${i + 1}`, skills: [skill.id], difficulty })),
);
