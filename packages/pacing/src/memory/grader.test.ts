import { parseEvent } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { createGrader, GraderOptionsSchema } from './grader';

const grade = createGrader(GraderOptionsSchema.parse({ items: { quick: { slowMs: 5000, fastMs: 1000 } } }));
const item = { id: 'q', skills: ['s'], topics: [], modality: 'practice', durationSeconds: 60 };
const attempt = (fields: object) =>
  parseEvent({ id: 'e', learnerId: 'a', at: 0, type: 'attempt', itemId: 'q', ...fields }) as never;

describe('grader', () => {
  it('maps attempts to ratings: wrong → again, hints or slow → hard, fast → easy, else good', () => {
    expect(grade(attempt({ correct: false, responseTimeMs: 1000 }), item)).toBe('again');
    expect(grade(attempt({ score: 0.4 }), item)).toBe('again');
    expect(grade(attempt({ correct: true, hintsUsed: 1, responseTimeMs: 1000 }), item)).toBe('hard');
    expect(grade(attempt({ correct: true, responseTimeMs: 91_000 }), item)).toBe('hard'); // > 1.5 × 60 s
    expect(grade(attempt({ correct: true, responseTimeMs: 29_000 }), item)).toBe('easy'); // < 0.5 × 60 s
    expect(grade(attempt({ correct: true, responseTimeMs: 45_000 }), item)).toBe('good');
    expect(grade(attempt({ correct: true }), item)).toBe('good');
  });

  it('uses per-item thresholds', () => {
    const quick = (ms: number) =>
      parseEvent({
        id: 'e',
        learnerId: 'a',
        at: 0,
        type: 'attempt',
        itemId: 'quick',
        correct: true,
        responseTimeMs: ms,
      }) as never;
    expect(grade(quick(6000), item)).toBe('hard');
    expect(grade(quick(500), item)).toBe('easy');
    expect(grade(quick(3000), item)).toBe('good');
  });
});
