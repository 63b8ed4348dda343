import { DEFAULT_BKT_PARAMS, PacekitError, parseEvent } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { items, skills, T0 } from './__fixtures__/course';
import { createPacer } from './createPacer';
import type { ModelWarning } from './policy/modelGuard';

describe('createPacer', () => {
  it('paces with the course defaults when no fitted model is given', () => {
    const warnings: ModelWarning[] = [];
    const pacer = createPacer({ skills, items, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(pacer.learner.bkt.params('fractions')).toMatchObject(DEFAULT_BKT_PARAMS);
    let state = pacer.learner.initialState('ada');
    expect(pacer.learner.mastery(state, 'count')).toBe(0.2);
    state = pacer.learner.apply(
      state,
      parseEvent({ type: 'attempt', id: 'e1', learnerId: 'ada', at: T0, itemId: 'count-mid', correct: true }),
    );
    // Right answer: 0.2·0.9 / (0.2·0.9 + 0.8·0.2) = 0.18 / 0.34; then learning: + (1 − that)·0.15 = 0.6.
    expect(pacer.learner.mastery(state, 'count')).toBeCloseTo(0.6, 12);
    const [first] = pacer.next(state, { now: T0 + 60_000 });
    expect(first?.skillId).toBe('count'); // the only skill with no prerequisite
  });

  it('names each required option that is missing', () => {
    const call = (options: unknown) => () => createPacer(options as Parameters<typeof createPacer>[0]);
    expect(call({ items })).toThrow(
      'Invalid createPacer options: "skills" is required: the course\'s skills (got undefined)',
    );
    expect(call({ skills, items: 'all' })).toThrow(
      'Invalid createPacer options: "items" is required: the course\'s items (got "all")',
    );
    expect(call(undefined)).toThrow(PacekitError);
    try {
      call({ skills })();
    } catch (error) {
      expect((error as PacekitError).code).toBe('INVALID_INPUT');
      expect((error as PacekitError).details).toEqual({
        issues: [{ path: 'items', message: 'is required' }],
      });
    }
  });
});
