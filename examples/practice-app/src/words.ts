import type { Recommendation } from '@pacekit/react';
import { skillName } from './course';

/**
 * What the learner reads above an activity: what it is, in a child's words (no kinds from the
 * policy's vocabulary, no percentages).
 */
export function activityLabel(next: Pick<Recommendation, 'kind' | 'skillId' | 'reasons'>): string {
  const name = skillName(next.skillId);
  const has = (code: Recommendation['reasons'][number]['code']) => next.reasons.some((r) => r.code === code);
  if (has('instruction')) return `Here is how: ${name}`;
  if (has('prerequisite-check')) return `Quick check: ${name}`;
  switch (next.kind) {
    case 'learn':
      return `Learn: ${name}`;
    case 'review':
      return `Review: ${name}`;
    case 'challenge':
      return `Challenge: ${name}`;
    case 'remediate':
      return `An easier one: ${name}`;
  }
}

/** How sure the learner said they feel, in words (the slider's value in [0, 1]). */
export function confidenceWords(confidence: number): string {
  if (confidence < 0.25) return 'not sure yet';
  if (confidence < 0.5) return 'a little sure';
  if (confidence < 0.75) return 'quite sure';
  return 'very sure';
}

/** Where a skill stands, for the learner: a word, not a probability. */
export function masteryWords(pMastery: number, mastered: boolean, attempts: number): string {
  if (mastered) return 'Mastered';
  if (attempts === 0) return 'Not started';
  if (pMastery >= 0.7) return 'Almost there';
  return 'Learning';
}

/** A list in words: "a, b and c". */
export const listWords = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** A probability as a whole percentage, for the teacher (the learner sees words). */
export const percent = (p: number): string => `${Math.round(p * 100)}%`;

/** An option's kind, in a word, beside its skill. */
export const KIND_WORDS: Readonly<Record<Recommendation['kind'], string>> = {
  learn: 'new',
  review: 'review',
  challenge: 'challenge',
  remediate: 'easier',
};
