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

/** The skill's display name. */
export const skillName = (id: string): string => skills.find((s) => s.id === id)?.name ?? id;

/** A question: what to show, and the expected answer. */
export interface Question {
  prompt: string;
  /** The expected answer, as a whole number or a fraction `n/d`. */
  answer: string;
  /** Whether any fraction of the same value counts (`2/4` for `1/2`); false when the form is the point. */
  anyForm: boolean;
}

/** Questions generated per skill: easy to hard, each different. */
export const QUESTIONS_PER_SKILL = 8;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const frac = (n: number, d: number): string => {
  const g = gcd(n, d);
  return d / g === 1 ? `${n / g}` : `${n / g}/${d / g}`;
};
/** `[n, d]` pairs, `[a, b, c, d]` quadruples: the numbers of each skill's eight questions, easy first. */
const SLICES = [2, 3, 4, 5, 6, 8, 10, 12];
const OF = [
  [2, 3],
  [3, 4],
  [4, 2],
  [5, 5],
  [2, 7],
  [3, 6],
  [4, 5],
  [6, 3],
];
const EQUIVALENT = [
  [1, 2, 4],
  [1, 3, 9],
  [2, 3, 6],
  [3, 4, 8],
  [1, 5, 10],
  [2, 5, 10],
  [3, 4, 12],
  [5, 6, 12],
];
const COMPARE = [
  [1, 2, 1, 3],
  [1, 4, 1, 3],
  [2, 5, 3, 5],
  [3, 4, 2, 3],
  [5, 8, 1, 2],
  [2, 3, 3, 5],
  [3, 10, 1, 4],
  [4, 9, 1, 2],
];
const SIMPLIFY = [
  [2, 4],
  [3, 9],
  [4, 6],
  [6, 8],
  [5, 10],
  [8, 12],
  [10, 15],
  [12, 16],
];
const ADD_LIKE = [
  [1, 2, 4],
  [1, 2, 5],
  [1, 1, 3],
  [2, 3, 7],
  [1, 1, 6],
  [3, 1, 8],
  [2, 4, 9],
  [3, 3, 10],
];
const ADD_UNLIKE = [
  [1, 2, 1, 4],
  [1, 3, 1, 6],
  [1, 2, 1, 3],
  [1, 4, 1, 8],
  [2, 3, 1, 6],
  [1, 5, 1, 10],
  [1, 2, 1, 5],
  [3, 4, 1, 8],
];
const MULTIPLY = [
  [1, 2, 1, 3],
  [1, 2, 1, 4],
  [2, 3, 1, 2],
  [3, 4, 2, 3],
  [1, 3, 3, 5],
  [2, 5, 1, 2],
  [3, 4, 1, 3],
  [2, 3, 3, 4],
];
const FUEL = [
  [4, 2],
  [6, 2],
  [8, 3],
  [10, 4],
  [5, 2],
  [9, 3],
  [12, 5],
  [8, 6],
];

/** The `k`-th question of a skill (`k` from 0, easiest, to 7). */
function generate(skillId: string, k: number): Question {
  const at = <T>(list: T[]): T => list[k % list.length]!;
  const any = (prompt: string, answer: string): Question => ({ prompt, answer, anyForm: true });
  switch (skillId) {
    case 'equal-parts': {
      const d = at(SLICES);
      return any(`A pizza is cut into ${d} equal slices. How many slices make the whole pizza?`, `${d}`);
    }
    case 'unit-fractions': {
      const d = at(SLICES);
      return any(`A cake is cut into ${d} equal pieces. What fraction of the cake is one piece?`, `1/${d}`);
    }
    case 'fractions-of-numbers': {
      const [d, m] = at(OF) as [number, number];
      return any(`${d * m} players make ${d} equal teams. How many players are in 1/${d} of them?`, `${m}`);
    }
    case 'equivalent': {
      const [n, d, to] = at(EQUIVALENT) as [number, number, number];
      return any(`Fill in the missing number: ${n}/${d} = ?/${to}`, `${(n * to) / d}`);
    }
    case 'compare': {
      const [a, b, c, d] = at(COMPARE) as [number, number, number, number];
      return any(`Which is larger: ${a}/${b} or ${c}/${d}?`, a * d > c * b ? `${a}/${b}` : `${c}/${d}`);
    }
    case 'simplify': {
      const [n, d] = at(SIMPLIFY) as [number, number];
      return { prompt: `Write ${n}/${d} in its simplest form.`, answer: frac(n, d), anyForm: false };
    }
    case 'add-like': {
      const [a, b, d] = at(ADD_LIKE) as [number, number, number];
      return any(`${a}/${d} + ${b}/${d} = ?`, frac(a + b, d));
    }
    case 'add-unlike': {
      const [a, b, c, d] = at(ADD_UNLIKE) as [number, number, number, number];
      return any(`${a}/${b} + ${c}/${d} = ?`, frac(a * d + c * b, b * d));
    }
    case 'multiply': {
      const [a, b, c, d] = at(MULTIPLY) as [number, number, number, number];
      return any(`${a}/${b} × ${c}/${d} = ?`, frac(a * c, b * d));
    }
    default: {
      const [d, h] = at(FUEL) as [number, number];
      return any(
        `A rocket burns 1/${d} of its fuel each hour. What fraction has it burned after ${h} hours?`,
        frac(h, d),
      );
    }
  }
}

/** A worked example: the steps of one problem, then one for the learner to try. */
export interface WorkedExample {
  steps: string[];
  tryIt: Question;
}

const EXAMPLES: Record<string, string[]> = {
  'equal-parts': [
    'A pizza cut into 4 equal slices.',
    'Put all the slices back together and you have the whole pizza.',
    'So 4 slices make the whole pizza.',
  ],
  'unit-fractions': [
    'A cake is cut into 5 equal pieces.',
    'One piece is 1 of the 5 pieces.',
    'We write that as 1/5: the bottom number says how many pieces in all.',
  ],
  'fractions-of-numbers': [
    'What is 1/3 of 12?',
    '1/3 means: share into 3 equal groups.',
    '12 shared into 3 groups is 4 in each group. So 1/3 of 12 is 4.',
  ],
  equivalent: [
    '1/2 is the same as how many quarters?',
    'Cut each half into 2 equal pieces: the pieces are quarters.',
    'One half becomes 2 quarters: 1/2 = 2/4.',
  ],
  compare: [
    'Which is larger: 2/3 or 3/4?',
    'Make the bottoms the same: 2/3 = 8/12 and 3/4 = 9/12.',
    '9/12 is more than 8/12, so 3/4 is larger.',
  ],
  simplify: [
    'Write 6/9 in its simplest form.',
    'Find a number that divides both 6 and 9: 3.',
    '6 ÷ 3 = 2 and 9 ÷ 3 = 3, so 6/9 = 2/3.',
  ],
  'add-like': [
    '2/7 + 3/7 = ?',
    'The bottoms are the same, so the pieces are the same size.',
    'Add the tops: 2 + 3 = 5. So 2/7 + 3/7 = 5/7.',
  ],
  'add-unlike': [
    '1/3 + 1/4 = ?',
    'Make the bottoms the same: 1/3 = 4/12 and 1/4 = 3/12.',
    'Add the tops: 4/12 + 3/12 = 7/12.',
  ],
  multiply: [
    '2/3 × 1/4 = ?',
    'Multiply the tops: 2 × 1 = 2. Multiply the bottoms: 3 × 4 = 12.',
    '2/12, simplified, is 1/6.',
  ],
  'word-problems': [
    'A rocket burns 1/6 of its fuel each hour. How much after 3 hours?',
    'Each hour is 1/6, so 3 hours is 1/6 + 1/6 + 1/6 = 3/6.',
    '3/6 simplified is 1/2: half the fuel.',
  ],
};

/** The worked example of a skill (the `…#example` item). */
export const exampleFor = (skillId: string): WorkedExample => ({
  steps: EXAMPLES[skillId] ?? [],
  tryIt: generate(skillId, QUESTIONS_PER_SKILL),
});

/** A flashcard: the front, the back, and the short answer typed when it comes up as a question. */
export interface Flashcard {
  front: string;
  back: string;
  answer: string;
}

/** The flashcard deck. */
export const flashcards: ReadonlyMap<string, Flashcard> = new Map([
  [
    'card#half',
    { front: 'What is a half, as a fraction?', back: 'One of two equal parts: 1/2', answer: '1/2' },
  ],
  [
    'card#quarter',
    { front: 'What is a quarter, as a fraction?', back: 'One of four equal parts: 1/4', answer: '1/4' },
  ],
  [
    'card#equivalent',
    {
      front: 'How many quarters make a half?',
      back: 'Two: 1/2 and 2/4 name the same amount',
      answer: '2',
    },
  ],
]);

/** What the practice box shows for an item, whatever its kind. */
export type Activity =
  | { kind: 'question'; question: Question }
  | { kind: 'flashcard'; card: Flashcard; question: Question }
  | { kind: 'example'; example: WorkedExample; question: Question };

/** The activity of an item id: the same id, the same question. */
export function activityFor(itemId: string): Activity {
  const card = flashcards.get(itemId);
  if (card)
    return { kind: 'flashcard', card, question: { prompt: card.front, answer: card.answer, anyForm: false } };
  const [skillId, k] = itemId.split('#') as [string, string];
  if (k === 'example') {
    const example = exampleFor(skillId);
    return { kind: 'example', example, question: example.tryIt };
  }
  return { kind: 'question', question: generate(skillId, Number(k)) };
}

/** The question the learner answers for an item (a flashcard's front; a worked example's "try it"). */
export const questionFor = (itemId: string): Question => activityFor(itemId).question;

/** A whole number or fraction as `[numerator, denominator]`, or null. */
function parse(text: string): [number, number] | null {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text.replace(/\s+/g, ''));
  if (!match) return null;
  const d = match[2] === undefined ? 1 : Number(match[2]);
  return d === 0 ? null : [Number(match[1]), d];
}

/**
 * Whether `given` answers `question`: the same text, or — when any form counts — the same value
 * (`2/4` for `1/2`, `1/1` for `1`). Spaces are ignored.
 */
export function isRight(question: Question, given: string): boolean {
  const text = given.replace(/\s+/g, '');
  if (text === question.answer) return true;
  if (!question.anyForm) return false;
  const a = parse(text);
  const b = parse(question.answer);
  return a !== null && b !== null && a[0] * b[1] === b[0] * a[1];
}

/**
 * Eight generated questions per skill (difficulty −1 easiest to +1 hardest), a worked example per
 * skill (for a learner who is stuck), and a small flashcard deck.
 */
export const items: ItemInput[] = [
  ...skills.flatMap((s): ItemInput[] => [
    ...Array.from({ length: QUESTIONS_PER_SKILL }, (_, k) => ({
      id: `${s.id}#${k}`,
      skills: [s.id],
      difficulty: Number(((2 * k) / (QUESTIONS_PER_SKILL - 1) - 1).toFixed(2)),
      topics: s.topics ?? [],
      durationSeconds: 45,
    })),
    {
      id: `${s.id}#example`,
      skills: [s.id],
      modality: 'worked-example',
      difficulty: -1,
      topics: s.topics ?? [],
      durationSeconds: 90,
    },
  ]),
  ...[
    ['card#half', 'equal-parts'],
    ['card#quarter', 'unit-fractions'],
    ['card#equivalent', 'equivalent'],
  ].map(([id, skill]) => ({ id: id!, skills: [skill!], modality: 'flashcard', durationSeconds: 10 })),
];

/**
 * The course's BKT parameters, chosen so that mastery takes real evidence: from a first try,
 * five right answers in a row reach P(mastered) ≥ 0.95 (four reach 0.92); one miss among them
 * costs two more. A guess of 0.25 because some questions (which is larger?) are a coin toss.
 */
export const bkt: BktModelInput = {
  kind: 'bkt',
  schemaVersion: 1,
  skills: {},
  defaultParams: { pInit: 0.02, pLearn: 0.08, pGuess: 0.25, pSlip: 0.1 },
};
