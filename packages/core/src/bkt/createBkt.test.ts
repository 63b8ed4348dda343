import { describe, expect, it } from 'vitest';
import { PacekitError } from '../errors';
import { createBkt } from './createBkt';
import type { BktModelInput } from './params';

const model: BktModelInput = {
  kind: 'bkt',
  schemaVersion: 1,
  skills: {
    a: { pInit: 0.4, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 },
    f: { pInit: 0.4, pLearn: 0.2, pForget: 0.05, pGuess: 0.2, pSlip: 0.1 },
    k: {
      pInit: 0.4,
      pLearn: 0.2,
      pGuess: 0.2,
      pSlip: 0.1,
      classPInit: { fast: 0.7 },
      items: { hard: { pGuess: 0.05, pSlip: 0.3 } },
    },
  },
};

describe('bkt.predict', () => {
  it('is P(L)(1 − S) + (1 − P(L))G', () => {
    // 0.4 × 0.9 + 0.6 × 0.2 = 0.36 + 0.12 = 0.48
    expect(createBkt(model).predict('a', 0.4)).toBeCloseTo(0.48, 12);
  });

  it("uses an item's own guess and slip (KT-IDEM), and the skill's for unknown items", () => {
    const bkt = createBkt(model);
    // 0.4 × 0.7 + 0.6 × 0.05 = 0.28 + 0.03 = 0.31
    expect(bkt.predict('k', 0.4, 'hard')).toBeCloseTo(0.31, 12);
    expect(bkt.predict('k', 0.4, 'other')).toBeCloseTo(0.48, 12);
  });
});

describe('bkt.update', () => {
  it('raises P(L) after a correct answer: posterior 0.36/0.48 = 0.75, then 0.75 + 0.25 × 0.2 = 0.8', () => {
    expect(createBkt(model).update('a', 0.4, true)).toBeCloseTo(0.8, 12);
  });

  it('lowers P(L) after a wrong answer: posterior 0.04/0.52 = 1/13, then 1/13 + 12/13 × 0.2 = 3.4/13', () => {
    expect(createBkt(model).update('a', 0.4, false)).toBeCloseTo(3.4 / 13, 12);
  });

  it('applies forgetting in the transition: 0.75 × 0.95 + 0.25 × 0.2 = 0.7625', () => {
    expect(createBkt(model).update('f', 0.4, 1)).toBeCloseTo(0.7625, 12);
  });

  it('treats a score as soft evidence: 0.5 × 0.75 + 0.5 × 1/13, then the transition', () => {
    const posterior = 0.5 * 0.75 + 0.5 / 13;
    expect(createBkt(model).update('a', 0.4, 0.5)).toBeCloseTo(posterior + (1 - posterior) * 0.2, 12);
  });

  it('follows a short sequence worked by hand: 0.4 → 0.8 → 18.2/19', () => {
    const bkt = createBkt(model);
    const p1 = bkt.update('a', bkt.prior('a'), true);
    expect(bkt.predict('a', p1)).toBeCloseTo(0.76, 12); // 0.8 × 0.9 + 0.2 × 0.2
    // posterior 0.72/0.76 = 18/19; 18/19 + 1/19 × 0.2 = 18.2/19
    expect(bkt.update('a', p1, true)).toBeCloseTo(18.2 / 19, 12);
  });

  it('uses the class prior, and falls back to the skill prior for other classes', () => {
    const bkt = createBkt(model);
    expect(bkt.prior('k', 'fast')).toBe(0.7);
    expect(bkt.prior('k', 'slow')).toBe(0.4);
    expect(bkt.prior('k')).toBe(0.4);
  });

  it('uses the default parameters for a skill the model does not know', () => {
    const bkt = createBkt(model);
    expect(bkt.prior('unknown')).toBe(0.2);
    // defaults: 0.2 × 0.9 + 0.8 × 0.2 = 0.34
    expect(bkt.predict('unknown', 0.2)).toBeCloseTo(0.34, 12);
  });

  it('rejects a response outside [0, 1]', () => {
    expect(() => createBkt(model).update('a', 0.4, 1.5)).toThrow(PacekitError);
  });

  it('keeps P(L) in [0, 1] for any response sequence', () => {
    const bkt = createBkt(model);
    let p = bkt.prior('f');
    for (let i = 0; i < 500; i++) {
      p = bkt.update('f', p, (i * 7919) % 3 === 0 ? 0.3 : i % 2 === 0);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});

describe('createBkt', () => {
  it('names the skill and field of an invalid parameter', () => {
    const bad = {
      kind: 'bkt',
      schemaVersion: 1,
      skills: { fractions: { pInit: 1.2, pLearn: 0.1, pGuess: 0.2, pSlip: 0.1 } },
    };
    expect(() => createBkt(bad as BktModelInput)).toThrow(/"skills\.fractions\.pInit".*\(got 1\.2\)/);
  });
});
