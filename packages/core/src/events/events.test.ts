import { describe, expect, it } from 'vitest';
import { parseEvent } from './events';

const base = { id: 'e1', learnerId: 'ada', at: 1000 };

describe('parseEvent', () => {
  it('accepts each kind of event, strips unknown fields and fills defaults', () => {
    expect(parseEvent({ ...base, type: 'attempt', itemId: 'q1', correct: true, tracking: 'x' })).toEqual({
      ...base,
      type: 'attempt',
      itemId: 'q1',
      correct: true,
      hintsUsed: 0,
    });
    expect(parseEvent({ ...base, type: 'review', itemId: 'card', rating: 'good' }).type).toBe('review');
    expect(parseEvent({ ...base, type: 'self-report', mood: 'bored' }).type).toBe('self-report');
    expect(parseEvent({ ...base, type: 'goal', skillIds: ['add'] })).toMatchObject({
      setBy: 'learner',
      status: 'active',
    });
    expect(parseEvent({ ...base, type: 'override', action: 'pin', itemId: 'q1' }).type).toBe('override');
  });

  it('turns ISO 8601 times into epoch milliseconds', () => {
    expect(
      parseEvent({ ...base, at: '2026-11-23T10:00:00+01:00', type: 'review', itemId: 'c', rating: 'easy' })
        .at,
    ).toBe(Date.UTC(2026, 10, 23, 9));
  });

  it('names the bad field and the value', () => {
    expect(() => parseEvent({ ...base, type: 'attempt', itemId: 'q', score: 1.5 })).toThrow(
      'Invalid event: "score": Too big: expected number to be <=1 (got 1.5)',
    );
    expect(() => parseEvent({ ...base, type: 'attempt', itemId: 'q', correct: 'yes' })).toThrow(
      /"correct".*\(got "yes"\)/,
    );
    expect(() => parseEvent({ ...base, at: -5, type: 'review', itemId: 'c', rating: 'good' })).toThrow(
      /"at"/,
    );
    expect(() => parseEvent({ ...base, type: 'review', itemId: 'c', rating: 'great' })).toThrow(
      /"rating".*\(got "great"\)/,
    );
    expect(() => parseEvent({ ...base, type: 'teleport' })).toThrow(/"type".*\(got "teleport"\)/);
  });

  it('requires what each kind needs', () => {
    expect(() => parseEvent({ ...base, type: 'attempt', itemId: 'q' })).toThrow(/needs "correct" or "score"/);
    expect(() => parseEvent({ ...base, type: 'self-report' })).toThrow(/needs confidence, interests/);
    expect(() => parseEvent({ ...base, type: 'override', action: 'reset' })).toThrow(/need a skillId/);
    expect(() => parseEvent({ ...base, type: 'goal', skillIds: [] })).toThrow(/"skillIds"/);
  });

  it('reports INVALID_EVENT with the issues as data', () => {
    try {
      parseEvent({ ...base, type: 'attempt', itemId: 'q', score: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_EVENT',
        details: { issues: [{ path: 'score', value: 2 }] },
      });
    }
  });
});
