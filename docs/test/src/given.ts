// What the docs' examples take as given (a course, a fitted model, a CSV, a class): each block is
// type-checked and run with these imported for the names it uses and does not declare itself.
import { type BktModelInput, createLearnerStore, type LearnerState, parseEvent } from '@pacekit/core';
import { createPacer, type Recommendation } from '@pacekit/pacing';

/** A small course: adding before subtracting and fractions. */
export const skills = [
  { id: 'add', name: 'Adding' },
  { id: 'subtract', name: 'Subtracting', prerequisites: ['add'] },
  { id: 'fractions', name: 'Fractions', prerequisites: ['add'] },
];

/** Three questions per skill, easy to hard. */
export const items = skills.flatMap((skill, s) =>
  [-1, 0, 1].map((difficulty, i) => ({ id: `q${s * 3 + i + 1}`, skills: [skill.id], difficulty })),
);

/** The clock the examples read: 23 November 2026, 9:00 UTC. */
export const now = Date.UTC(2026, 10, 23, 9);

/** A fitted model for the course (as `fitBkt` returns it). */
export const model: BktModelInput = {
  kind: 'bkt',
  schemaVersion: 1,
  skills: Object.fromEntries(
    skills.map((skill) => [skill.id, { pInit: 0.2, pLearn: 0.2, pForget: 0, pGuess: 0.2, pSlip: 0.1 }]),
  ),
};

/** Responses in the pyBKT / ASSISTments layout: 20 learners, 3 skills, 8 answers each. */
export const csvText = [
  'user_id,skill_name,correct',
  ...Array.from({ length: 20 }, (_, learner) =>
    skills.flatMap((skill, s) =>
      Array.from(
        { length: 8 },
        (_, k) =>
          `${learner},${skill.id},${(learner * 7 + s * 3 + k * k) % 5 < 3 + Math.min(k, 2) - (learner % 3) ? 1 : 0}`,
      ),
    ),
  ).flat(),
].join('\n');

/** A pacer for the course. */
export const pacer = createPacer({ skills, items, bkt: model });

const attempt = (learnerId: string, n: number, itemId: string, correct: boolean) =>
  parseEvent({
    type: 'attempt',
    id: `${learnerId}-${n}`,
    learnerId,
    at: now - (10 - n) * 60_000,
    itemId,
    correct,
  });

/** A class of three: one who masters adding, one who struggles, one who has not started. */
export const states: LearnerState[] = [
  pacer.learner.applyAll(
    pacer.learner.initialState('ada'),
    [1, 2, 3, 4, 5].map((n) => attempt('ada', n, 'q2', true)),
  ),
  pacer.learner.applyAll(
    pacer.learner.initialState('bo'),
    [1, 2, 3, 4, 5].map((n) => attempt('bo', n, 'q3', false)),
  ),
  pacer.learner.initialState('cy'),
];

/** Ada's learner store (in memory). */
export const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });

/** A fresh event id. */
export const id = 'doc-event-1';

/** The option Ada picked among those offered her. */
export const choice: Recommendation = pacer.next(states[0]!, { now, choices: 3 })[0]!;
