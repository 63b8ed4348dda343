import type { BktModelInput, EventInput, ItemInput, SkillInput } from '@pacekit/core';

//  count ─→ add ─→ multiply ─→ fractions
//            └──→ subtract ──────↗ (weight 0.3)
export const skills: SkillInput[] = [
  { id: 'count' },
  { id: 'add', prerequisites: [{ skillId: 'count', weight: 0.6 }] },
  { id: 'subtract', prerequisites: [{ skillId: 'add', weight: 0.5 }] },
  { id: 'multiply', prerequisites: [{ skillId: 'add', weight: 0.8 }] },
  {
    id: 'fractions',
    prerequisites: [
      { skillId: 'multiply', weight: 0.5 },
      { skillId: 'subtract', weight: 0.3 },
    ],
  },
];

export const items: ItemInput[] = [
  ...['count', 'add', 'subtract', 'multiply', 'fractions'].flatMap((skill) => [
    { id: `${skill}-easy`, skills: [skill], difficulty: -1.5, topics: ['sport'] },
    { id: `${skill}-mid`, skills: [skill], topics: ['space'] },
    { id: `${skill}-hard`, skills: [skill], difficulty: 1.5, modality: 'hands-on' },
  ]),
  { id: 'count-easy-space', skills: ['count'], difficulty: -1.5, topics: ['space'], modality: 'video' },
  { id: 'card-1', skills: ['count'], modality: 'flashcard', durationSeconds: 10 },
];

export const bkt: BktModelInput = {
  kind: 'bkt',
  schemaVersion: 1,
  skills: {},
  defaultParams: { pInit: 0.2, pLearn: 0.2, pForget: 0, pGuess: 0.2, pSlip: 0.1 },
};

export const DAY = 86_400_000;
export const T0 = Date.UTC(2026, 0, 5, 9);

let n = 0;
/** An attempt event for learner "ada". */
export function attempt(
  itemId: string,
  correct: boolean,
  at: number,
  extra: Partial<EventInput> = {},
): EventInput {
  return { id: `e${n++}`, learnerId: 'ada', at, type: 'attempt', itemId, correct, ...extra } as EventInput;
}
