import { describe, expect, it } from 'vitest';
import { createRandom } from '../random';
import { calibrateIrt, createResponseMatrix, irtProbability, itemInformation, testInformation } from './irt';
import { gaussHermite } from './quadrature';
import { estimateAbility } from './scoring';

// LSAT Section 6 (Bock & Lieberman, 1970): 1,000 examinees, 5 items, as response patterns with
// their counts — the `LSAT` data of R's ltm. Reference: Rizopoulos (2006), "ltm: An R package
// for latent variable modeling and item response theory analyses", J. Stat. Softw. 17(5):
// ltm(LSAT ~ z1, IRT.param = TRUE), 21 Gauss–Hermite points: log.Lik −2466.653 and the
// estimates below; factor.scores (empirical Bayes, i.e. the posterior mode under N(0, 1)).
const LSAT: [string, number, number, number][] = [
  // pattern, count, ltm EB score z1, se.z1
  ['00000', 3, -1.895, 0.795],
  ['00001', 6, -1.479, 0.796],
  ['00010', 2, -1.46, 0.796],
  ['00011', 11, -1.041, 0.8],
  ['00100', 1, -1.331, 0.797],
  ['00101', 1, -0.911, 0.802],
  ['00110', 3, -0.891, 0.803],
  ['00111', 4, -0.463, 0.812],
  ['01000', 1, -1.438, 0.796],
  ['01001', 8, -1.019, 0.801],
  ['01011', 16, -0.573, 0.809],
  ['01101', 3, -0.441, 0.813],
  ['01110', 2, -0.42, 0.813],
  ['01111', 15, 0.023, 0.828],
  ['10000', 10, -1.373, 0.797],
  ['10001', 29, -0.953, 0.802],
  ['10010', 14, -0.933, 0.802],
  ['10011', 81, -0.506, 0.811],
  ['10100', 3, -0.803, 0.804],
  ['10101', 28, -0.373, 0.815],
  ['10110', 15, -0.352, 0.815],
  ['10111', 80, 0.093, 0.831],
  ['11000', 16, -0.911, 0.802],
  ['11001', 56, -0.483, 0.812],
  ['11010', 21, -0.463, 0.812],
  ['11011', 173, -0.022, 0.827],
  ['11100', 11, -0.329, 0.816],
  ['11101', 61, 0.117, 0.832],
  ['11110', 28, 0.139, 0.833],
  ['11111', 298, 0.606, 0.855],
];
const LTM = {
  b: [-3.3597, -1.3696, -0.2799, -1.8659, -3.1236],
  a: [0.8254, 0.7229, 0.8905, 0.6886, 0.6575],
  logLik: -2466.653,
};
const items = ['Item 1', 'Item 2', 'Item 3', 'Item 4', 'Item 5'];
const lsat = createResponseMatrix(
  LSAT.map(([pattern, count]) => ({
    responses: Object.fromEntries(items.map((id, j) => [id, pattern[j] === '1' ? 1 : 0])) as Record<
      string,
      0 | 1
    >,
    count,
  })),
  items,
);

describe('2PL calibration agrees with R (ltm) on the LSAT data', () => {
  it('has the same 1,000 examinees', () => {
    expect(LSAT.reduce((n, [, count]) => n + count, 0)).toBe(1000);
  });

  it('matches ltm’s difficulties, discriminations and log-likelihood to two decimals', async () => {
    const bank = await calibrateIrt(lsat, { model: '2pl', quadraturePoints: 21 });
    bank.items.forEach((item, j) => {
      expect(item.b).toBeCloseTo(LTM.b[j]!, 2);
      expect(item.a).toBeCloseTo(LTM.a[j]!, 2);
    });
    expect(bank.logLikelihood).toBeCloseTo(LTM.logLik, 2);
  });

  it('matches ltm’s empirical-Bayes (MAP) scores and standard errors for every pattern', async () => {
    const bank = await calibrateIrt(lsat, { model: '2pl' });
    for (const [pattern, , z1, se] of LSAT) {
      const estimate = estimateAbility(
        bank.items.map((item, j) => ({ item, correct: pattern[j] === '1' })),
        { method: 'map' },
      );
      expect(estimate.theta).toBeCloseTo(z1, 2);
      expect(estimate.se).toBeCloseTo(se, 2);
    }
  });
});

describe('calibrateIrt', () => {
  it('recovers 20 simulated 2PL items from 5,000 examinees (±0.1 difficulty, ±0.15 discrimination)', async () => {
    const random = createRandom(3);
    const truth = Array.from({ length: 20 }, (_, j) => ({
      id: `i${j}`,
      a: 0.8 + (j % 5) * 0.25,
      b: -1.5 + (j * 3) / 19,
      c: 0,
    }));
    // With 2,000 examinees SE(b) of the weakest items is about 0.08, so the worst of 20 can exceed 0.1 by chance.
    const rows = Array.from({ length: 5000 }, () => {
      const theta = random.normal();
      return {
        responses: Object.fromEntries(
          truth.map((item) => [item.id, random.next() < irtProbability(item, theta) ? 1 : 0]),
        ) as Record<string, 0 | 1>,
      };
    });
    const bank = await calibrateIrt(
      createResponseMatrix(
        rows,
        truth.map((t) => t.id),
      ),
    );
    let worstB = 0;
    let worstA = 0;
    bank.items.forEach((item, j) => {
      worstB = Math.max(worstB, Math.abs(item.b - truth[j]!.b));
      worstA = Math.max(worstA, Math.abs(item.a - truth[j]!.a));
    });
    expect(worstB).toBeLessThanOrEqual(0.1);
    expect(worstA).toBeLessThanOrEqual(0.15);
  });

  it('fits a 1PL with one shared discrimination, and a 3PL with guessing in its bounds', async () => {
    const one = await calibrateIrt(lsat, { model: '1pl' });
    expect(new Set(one.items.map((i) => i.a)).size).toBe(1);
    const three = await calibrateIrt(lsat, { model: '3pl', guessing: { max: 0.3 } });
    for (const item of three.items) {
      expect(item.c).toBeGreaterThanOrEqual(0);
      expect(item.c).toBeLessThanOrEqual(0.3);
    }
    expect(three.logLikelihood!).toBeGreaterThanOrEqual(one.logLikelihood! - 1e-6);
  });

  it('names an item nobody answered and bad cells; an all-correct item gets a finite difficulty', async () => {
    const m = createResponseMatrix([{ responses: { x: 1, y: null } }, { responses: { x: 0 } }], ['x', 'y']);
    await expect(calibrateIrt(m)).rejects.toThrow('nobody answered item "y"');
    expect(() => createResponseMatrix([{ responses: { x: 2 as never } }])).toThrow(
      'Response row 0, item "x": expected 0, 1 or blank (got 2)',
    );
    expect(() => createResponseMatrix([{ responses: { z: 1 } }], ['x'])).toThrow('unknown item "z"');
    const easy = createResponseMatrix(
      Array.from({ length: 200 }, (_, i) => ({
        responses: { easy: 1, mid: (i % 2) as 0 | 1, other: (i % 3 === 0 ? 1 : 0) as 0 | 1 },
      })),
    );
    const bank = await calibrateIrt(easy);
    for (const item of bank.items) {
      expect(Number.isFinite(item.a)).toBe(true);
      expect(Number.isFinite(item.b)).toBe(true);
    }
  });
});

describe('estimateAbility', () => {
  const bank = [
    { a: 1.2, b: -1, c: 0 },
    { a: 0.8, b: 0, c: 0 },
    { a: 1.5, b: 0.5, c: 0.2 },
    { a: 1, b: 1.2, c: 0 },
  ];
  const responses = bank.map((item, j) => ({ item, correct: j !== 2 }));

  it('EAP agrees with a brute-force numeric integral to 1e-4', () => {
    // Trapezoid rule on [−10, 10] with 200,001 points.
    let z = 0;
    let m1 = 0;
    let m2 = 0;
    for (let k = 0; k <= 200_000; k++) {
      const t = -10 + k * 1e-4;
      let like = Math.exp((-t * t) / 2);
      for (const r of responses)
        like *= r.correct ? irtProbability(r.item, t) : 1 - irtProbability(r.item, t);
      const w = k === 0 || k === 200_000 ? 0.5 : 1;
      z += w * like;
      m1 += w * like * t;
      m2 += w * like * t * t;
    }
    const mean = m1 / z;
    const estimate = estimateAbility(responses);
    expect(Math.abs(estimate.theta - mean)).toBeLessThan(1e-4);
    expect(Math.abs(estimate.se - Math.sqrt(m2 / z - mean * mean))).toBeLessThan(1e-4);
  });

  it('gives finite answers for empty, all-correct and all-wrong patterns', () => {
    expect(estimateAbility([])).toEqual({ theta: expect.closeTo(0, 10), se: expect.closeTo(1, 6) });
    const allRight = estimateAbility(
      bank.map((item) => ({ item, correct: true })),
      { method: 'mle' },
    );
    expect(allRight).toMatchObject({ theta: 6, atBound: true });
    expect(Number.isFinite(allRight.se)).toBe(true);
    expect(
      estimateAbility(
        bank.map((item) => ({ item, correct: false })),
        { method: 'mle' },
      ).theta,
    ).toBe(-6);
    const map = estimateAbility(
      bank.map((item) => ({ item, correct: true })),
      { method: 'map' },
    );
    expect(Number.isFinite(map.theta) && map.theta < 6).toBe(true);
    expect(() => estimateAbility([{ item: { a: Number.NaN, b: 0, c: 0 }, correct: 1 }])).toThrow(
      /non-finite/,
    );
  });

  it('information: a²P(1−P) for a 2PL item, summed over the test', () => {
    const item = { a: 1.5, b: 0.3, c: 0 };
    const p = irtProbability(item, 0.3);
    expect(p).toBe(0.5);
    expect(itemInformation(item, 0.3)).toBeCloseTo(1.5 * 1.5 * 0.25, 12);
    expect(testInformation([item, item], 0.3)).toBeCloseTo(2 * 0.5625, 12);
    expect(gaussHermite(21).weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });
});
