import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy, auc, calibration, logLoss, rmse } from './metrics';

function bruteAuc(labels: number[], predictions: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < labels.length; i++) {
    for (let j = 0; j < labels.length; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs++;
      if (predictions[i]! > predictions[j]!) wins += 1;
      else if (predictions[i] === predictions[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

describe('auc', () => {
  it('counts ties as one half: 2 positives, 2 negatives, one tie', () => {
    // pairs (pos, neg): (0.8, 0.3) win, (0.8, 0.5) win, (0.5, 0.3) win, (0.5, 0.5) tie → 3.5 / 4
    expect(auc([1, 1, 0, 0], [0.8, 0.5, 0.5, 0.3])).toBe(0.875);
  });

  it('equals brute-force pairwise counting, with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), {
          minLength: 2,
          maxLength: 60,
        }),
        (pairs) => {
          const labels = pairs.map(([y]) => y);
          const predictions = pairs.map(([, p]) => p / 6);
          const positives = labels.filter((y) => y === 1).length;
          if (positives === 0 || positives === labels.length) return Number.isNaN(auc(labels, predictions));
          return Math.abs(auc(labels, predictions) - bruteAuc(labels, predictions)) < 1e-12;
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });

  it('is NaN when every label is the same', () => {
    expect(auc([1, 1], [0.2, 0.4])).toBeNaN();
  });

  it('refuses mismatched lengths', () => {
    expect(() => auc([1, 0], [0.5])).toThrow(/2 labels but 1 predictions/);
  });
});

describe('rmse, logLoss, accuracy', () => {
  it('match values worked by hand', () => {
    const labels = [1, 0, 1, 0];
    const predictions = [0.9, 0.2, 0.4, 0.6];
    // squared errors 0.01, 0.04, 0.36, 0.36 → mean 0.1925
    expect(rmse(labels, predictions)).toBeCloseTo(Math.sqrt(0.1925), 12);
    // −(ln 0.9 + ln 0.8 + ln 0.4 + ln 0.4) / 4
    expect(logLoss(labels, predictions)).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.8) + 2 * Math.log(0.4)) / 4,
      12,
    );
    // right: 0.9→1, 0.2→0; wrong: 0.4→1, 0.6→0
    expect(accuracy(labels, predictions)).toBe(0.5);
  });

  it('logLoss stays finite for predictions of exactly 0 and 1', () => {
    expect(Number.isFinite(logLoss([1, 0], [0, 1]))).toBe(true);
  });
});

describe('calibration', () => {
  it('bins predictions by value and reports observed rates', () => {
    const bins = calibration([1, 0, 1, 1], [0.05, 0.05, 0.95, 1], 10);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toMatchObject({ count: 2, meanPredicted: 0.05, observed: 0.5 });
    expect(bins[9]).toMatchObject({ count: 2, observed: 1 });
    expect(bins[9]!.meanPredicted).toBeCloseTo(0.975, 12);
    expect(bins[5]!.count).toBe(0);
    expect(bins[5]!.observed).toBeNaN();
  });
});
