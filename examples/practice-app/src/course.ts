import type { BktModelInput, ItemInput, SkillInput } from '@pacekit/react';

/** A ten-skill fractions course. */
export const skills: (SkillInput & { name: string })[] = [
  { id: 'equal-parts', name: 'Equal parts', topics: ['food'] },
  { id: 'unit-fractions', name: 'Unit fractions', prerequisites: ['equal-parts'], topics: ['food'] },
  {
    id: 'fractions-of-numbers',
    name: 'Fractions of numbers',
    prerequisites: ['unit-fractions'],
    topics: ['sport'],
  },
  { id: 'equivalent', name: 'Equivalent fractions', prerequisites: ['unit-fractions'], topics: ['space'] },
  { id: 'compare', name: 'Comparing fractions', prerequisites: ['equivalent'], topics: ['sport'] },
  { id: 'simplify', name: 'Simplifying', prerequisites: ['equivalent'], topics: ['space'] },
  { id: 'add-like', name: 'Adding like fractions', prerequisites: ['equivalent'], topics: ['food'] },
  {
    id: 'add-unlike',
    name: 'Adding unlike fractions',
    prerequisites: ['add-like', 'simplify'],
    topics: ['space'],
  },
  {
    id: 'multiply',
    name: 'Multiplying fractions',
    prerequisites: ['fractions-of-numbers', 'simplify'],
    topics: ['sport'],
  },
  {
    id: 'word-problems',
    name: 'Word problems',
    prerequisites: ['add-unlike', 'multiply', 'compare'],
    topics: ['space', 'sport'],
  },
];

/** A question: what to show, and the expected answer (compared without spaces). */
export interface Question {
  prompt: string;
  answer: string;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const frac = (n: number, d: number) => {
  const g = gcd(n, d);
  return `${n / g}/${d / g}`;
};

/** Generates the question of an item from its id: the same id, the same question. */
export function questionFor(itemId: string): Question {
  const [skillId, k] = itemId.split('#') as [string, string];
  const n = Number(k);
  const d = [2, 3, 4, 5, 6, 8][n % 6]!;
  switch (skillId) {
    case 'equal-parts':
      return {
        prompt: `A pizza is cut into ${d} equal slices. How many slices make the whole pizza?`,
        answer: `${d}`,
      };
    case 'unit-fractions':
      return { prompt: `One of ${d} equal slices: what fraction of the pizza is it?`, answer: `1/${d}` };
    case 'fractions-of-numbers':
      return { prompt: `What is 1/${d} of ${d * (n + 2)}?`, answer: `${n + 2}` };
    case 'equivalent':
      return { prompt: `1/${d} = ?/${d * 2}`, answer: '2' };
    case 'compare':
      return { prompt: `Which is larger: 1/${d} or 1/${d + 1}?`, answer: `1/${d}` };
    case 'simplify':
      return { prompt: `Simplify ${2 * (n + 1)}/${2 * d}.`, answer: frac(2 * (n + 1), 2 * d) };
    case 'add-like':
      return { prompt: `1/${d} + 1/${d} = ?`, answer: frac(2, d) };
    case 'add-unlike':
      return { prompt: `1/2 + 1/${d * 2} = ?`, answer: frac(d + 1, d * 2) };
    case 'multiply':
      return { prompt: `1/2 × 1/${d} = ?`, answer: `1/${2 * d}` };
    default:
      return {
        prompt: `A rocket uses 1/${d} of its fuel each hour. After 2 hours, what fraction is used?`,
        answer: frac(2, d),
      };
  }
}

/** Three generated questions per skill (easy, core, stretch), and a small flashcard deck. */
export const items: ItemInput[] = [
  ...skills.flatMap((s) =>
    [0, 1, 2].map((k) => ({
      id: `${s.id}#${k}`,
      skills: [s.id],
      difficulty: k - 1,
      topics: s.topics ?? [],
      durationSeconds: 45,
    })),
  ),
  ...[
    ['card#half', 'equal-parts'],
    ['card#quarter', 'unit-fractions'],
    ['card#equivalent', 'equivalent'],
  ].map(([id, skill]) => ({ id: id!, skills: [skill!], modality: 'flashcard', durationSeconds: 10 })),
];

/** Flashcards: front and back. */
export const flashcards: Record<string, { front: string; back: string }> = {
  'card#half': { front: 'What is a half?', back: 'One of two equal parts: 1/2' },
  'card#quarter': { front: 'What is a quarter?', back: 'One of four equal parts: 1/4' },
  'card#equivalent': {
    front: 'When are two fractions equivalent?',
    back: 'When they name the same amount, like 1/2 and 2/4',
  },
};

/** The course's BKT parameters. */
export const bkt: BktModelInput = {
  kind: 'bkt',
  schemaVersion: 1,
  skills: {},
  defaultParams: { pInit: 0.1, pLearn: 0.3, pGuess: 0.15, pSlip: 0.08 },
};

/** The skill's display name. */
export const skillName = (id: string): string => skills.find((s) => s.id === id)?.name ?? id;
