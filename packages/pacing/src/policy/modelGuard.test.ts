import { PacekitError } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { items, skills } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import type { ModelWarning } from './modelGuard';

const model = (skillParams: Record<string, object>) => ({
  kind: 'bkt' as const,
  schemaVersion: 1 as const,
  defaultParams: { pInit: 0.1, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 },
  skills: Object.fromEntries(
    Object.entries(skillParams).map(([id, p]) => [
      id,
      { pInit: 0.1, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1, ...p },
    ]),
  ),
});

describe('the model check of createPacer', () => {
  it('repairs unlearnable, decisive and capped skills, naming each', () => {
    const warnings: ModelWarning[] = [];
    const pacer = createPacer({
      skills,
      items,
      bkt: model({ add: { pLearn: 0 }, subtract: { pGuess: 0 }, multiply: { pForget: 0.1 } }),
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.map((w) => [w.code, w.skillId])).toEqual([
      ['unlearnable', 'add'],
      ['decisive-answer', 'subtract'],
      ['capped-by-forgetting', 'multiply'],
    ]);
    expect(pacer.modelWarnings).toEqual(warnings);
    expect(pacer.learner.bkt.params('add').pLearn).toBe(0.02);
    expect(pacer.learner.bkt.params('subtract').pGuess).toBe(0.02);
    expect(pacer.learner.bkt.params('multiply').pForget).toBe(0);
    // With the repair, one lucky answer no longer proves mastery of subtract.
    expect(pacer.learner.bkt.update('subtract', 0.1, true)).toBeLessThan(0.95);
  });

  it('throws MODEL_UNFIT_FOR_PACING in strict mode, and stays silent for a sound model', () => {
    try {
      createPacer({ skills, items, bkt: model({ add: { pLearn: 0 } }), modelCheck: 'strict' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PacekitError);
      expect((error as PacekitError).code).toBe('MODEL_UNFIT_FOR_PACING');
      expect((error as PacekitError).message).toContain('skill "add"');
    }
    expect(createPacer({ skills, items, bkt: model({}), modelCheck: 'strict' }).modelWarnings).toEqual([]);
  });
});
