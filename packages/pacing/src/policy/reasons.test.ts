import { describe, expect, it } from 'vitest';
import { bkt, items, skills } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import { describeReason, type Reason } from './reasons';

const named = createPacer({
  skills: skills.map((s) => ({
    ...s,
    name: ({ count: 'Counting', add: 'Adding' } as Record<string, string>)[String(s.id)] ?? String(s.id),
  })),
  items,
  bkt,
});

const every: Reason[] = [
  { code: 'teacher-pinned', ref: 'item:q1' },
  { code: 'due-review', retrievability: 0.87, desiredRetention: 0.9, dueAt: 0 },
  { code: 'prerequisite-check', flaggedAt: 0, dependantId: 'multiply', failures: 4, pNotKnown: 0.21 },
  { code: 'after-struggle', skillId: 'add', failures: 4, confidence: null },
  { code: 'low-confidence', skillId: 'add', confidence: 0.1 },
  { code: 'taking-a-break', fromSkillId: 'add', failures: 5, attemptsLeft: 2 },
  { code: 'confidence-boost', missesInRow: 3 },
  { code: 'instruction', skillId: 'add', modality: 'lesson' },
  { code: 'needs-help', skillId: 'add', since: 0, attempts: 14 },
  { code: 'ready-to-learn', prerequisites: ['count', 'add'] },
  { code: 'toward-goal', goalId: 'g', deadline: Date.UTC(2026, 1, 1) },
  { code: 'at-target-difficulty', predictedSuccess: 0.74, targetSuccess: 0.75 },
  { code: 'after-success-streak', streak: 3 },
  { code: 'mood', mood: 'frustrated' },
  { code: 'matches-interest', topics: ['space'] },
  { code: 'preferred-modality', modality: 'video' },
  { code: 'all-mastered', retrievability: 0.95 },
  { code: 'learner-picked', itemId: 'q1', at: 0 },
  { code: 'teacher-sequence', step: 2, of: 5 },
];

describe('describeReason', () => {
  it('speaks to a child without failure counts or percentages, and to a teacher with the numbers', () => {
    for (const reason of every) {
      const child = describeReason(reason);
      const teacher = describeReason(reason, { audience: 'teacher' });
      expect(child.length).toBeGreaterThan(5);
      if (reason.code !== 'after-success-streak' && reason.code !== 'teacher-sequence')
        expect(child).not.toMatch(/\d/);
      expect(child).not.toMatch(/miss/i);
      expect(teacher.length).toBeGreaterThan(5);
    }
    expect(describeReason(every[3]!, { audience: 'teacher' })).toBe(
      'After 4 misses in a row on add: an easier item first.',
    );
    expect(describeReason(every[2]!, { audience: 'teacher' })).toBe(
      'Check: after 4 misses in a row on multiply, a 21% chance this is not really known.',
    );
  });

  it('names a teaching modality in words, with its article', () => {
    const teach = (modality: string) => describeReason({ code: 'instruction', skillId: 'add', modality });
    expect(teach('worked-example')).toBe('A worked example that shows how add works.');
    expect(teach('animation')).toBe('An animation that shows how add works.');
    expect(teach('lesson')).toBe('A lesson that shows how add works.');
  });

  it('keeps working as a map callback, and names skills through the pacer', () => {
    expect(every.map(describeReason)).toEqual(every.map((r) => describeReason(r)));
    expect(named.describe({ code: 'ready-to-learn', prerequisites: ['count', 'add'] })).toBe(
      'You know Counting and Adding, so you are ready for this.',
    );
    expect(named.describe(every[8]!, { audience: 'teacher' })).toBe(
      'Needs help on Adding: 14 attempts without mastering it.',
    );
  });
});
