import { describe, expect, it } from 'vitest';
import { simulateBkt } from '../__fixtures__/simulateBkt';
import { createResponseTable } from '../data';
import { PacekitError } from '../errors';
import { createRandom } from '../random';
import { createEmScratch, randomParams, runEm, runSquarem } from './em';
import { fitBkt } from './fitBkt';
import { buildSkillSequences } from './sequences';

const truth = { pInit: 0.3, pLearn: 0.15, pForget: 0, pGuess: 0.2, pSlip: 0.1 };

/** Standard BKT (P(F) held at 0) or BKT with forgetting, one guess and slip per skill. */
const standardConfig = (forgets: boolean) => ({
  forgets,
  itemGuessSlip: false,
  itemLearn: false,
  maxGuess: 0.5,
  maxSlip: 0.5,
  fixed: forgets ? {} : { pForget: 0 },
});

describe('EM (Baum–Welch)', () => {
  it('matches the log-likelihood of brute-force enumeration over hidden paths', () => {
    const sequences = [[0, 1, 1, 0, 1], [1, 1, 0], [0, 0, 0, 1, 1, 1], [1], [0, 1]];
    const rows = sequences.flatMap((obs, k) =>
      obs.map((c) => ({ learnerId: `l${k}`, skillId: 's', correct: c })),
    );
    const [seq] = buildSkillSequences(createResponseTable(rows), { items: false, classes: false });
    const p = { pi: 0.4, learn: 0.2, forget: 0.1, g: 0.2, s: 0.1 };
    let brute = 0;
    for (const obs of sequences) {
      let sum = 0;
      for (let path = 0; path < 1 << obs.length; path++) {
        let prob = 1;
        for (let t = 0; t < obs.length; t++) {
          const known = (path >> t) & 1;
          if (t === 0) prob *= known ? p.pi : 1 - p.pi;
          else {
            const before = (path >> (t - 1)) & 1;
            prob *= before ? (known ? 1 - p.forget : p.forget) : known ? p.learn : 1 - p.learn;
          }
          prob *= known ? (obs[t] ? 1 - p.s : p.s) : obs[t] ? p.g : 1 - p.g;
        }
        sum += prob;
      }
      brute += Math.log(sum);
    }
    const start = {
      pInit: Float64Array.of(p.pi),
      learn: Float64Array.of(p.learn),
      forget: p.forget,
      guess: Float64Array.of(p.g),
      slip: Float64Array.of(p.s),
    };
    const config = {
      forgets: true,
      itemGuessSlip: false,
      itemLearn: false,
      maxGuess: 0.5,
      maxSlip: 0.5,
      fixed: {},
    };
    const run = runEm(seq!, start, config, 1, 0, createEmScratch(8));
    expect(run.logLikelihood).toBeCloseTo(brute, 10);
  });

  it('never decreases the log-likelihood between iterations, from any start', () => {
    const rows = simulateBkt({ learners: 300, length: 40, params: { ...truth, pForget: 0.05 }, seed: 3 });
    const [seq] = buildSkillSequences(createResponseTable(rows), { items: false, classes: false });
    const random = createRandom(11);
    for (const forgets of [false, true]) {
      const config = standardConfig(forgets);
      for (let start = 0; start < 10; start++) {
        const run = runEm(
          seq!,
          randomParams(seq!, config, random),
          config,
          60,
          0,
          createEmScratch(seq!.maxLength),
        );
        for (let i = 1; i < run.trace.length; i++) {
          // Allow only floating-point noise (1e-9 relative).
          expect(run.trace[i]!).toBeGreaterThanOrEqual(
            run.trace[i - 1]! - 1e-9 * Math.abs(run.trace[i - 1]!),
          );
        }
      }
    }
  });
});

describe('SQUAREM-accelerated EM', () => {
  it("reaches at least plain EM's log-likelihood in fewer E-steps, its parameters valid, from any start", () => {
    const rows = [
      ...simulateBkt({ learners: 400, length: 30, params: truth, seed: 5 }),
      ...simulateBkt({ learners: 300, length: 25, params: { ...truth, pForget: 0.05 }, seed: 6 }).map(
        (r) => ({
          ...r,
          skillId: 'forgetful',
        }),
      ),
    ];
    const sequences = buildSkillSequences(createResponseTable(rows), { items: false, classes: false });
    const random = createRandom(4);
    let plainSteps = 0;
    let fastSteps = 0;
    for (const seq of sequences) {
      for (const forgets of [false, true]) {
        const config = standardConfig(forgets);
        for (let start = 0; start < 8; start++) {
          const from = randomParams(seq, config, random);
          const copy = () => ({
            ...from,
            pInit: from.pInit.slice(),
            learn: from.learn.slice(),
            guess: from.guess.slice(),
            slip: from.slip.slice(),
          });
          const plain = runEm(seq, copy(), config, 100, 0.005, createEmScratch(seq.maxLength));
          const fast = runSquarem(seq, copy(), config, 100, 0.005, createEmScratch(seq.maxLength));
          plainSteps += plain.iterations;
          fastSteps += fast.iterations;
          // As high as plain EM's, up to the tolerance both stop at.
          expect(fast.logLikelihood).toBeGreaterThanOrEqual(plain.logLikelihood - 0.005);
          // The reported log-likelihood is that of the returned parameters, all in range.
          const check = runEm(seq, fast.params, config, 1, 0, createEmScratch(seq.maxLength));
          expect(check.logLikelihood).toBeCloseTo(fast.logLikelihood, 9);
          for (const v of [
            ...fast.params.pInit,
            ...fast.params.learn,
            ...fast.params.guess,
            ...fast.params.slip,
            fast.params.forget,
          ]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
          if (!forgets) expect(fast.params.forget).toBe(0);
          expect(Math.max(...fast.params.guess)).toBeLessThan(0.5);
        }
      }
    }
    expect(fastSteps).toBeLessThan(plainSteps * 0.8);
  });

  it('recovers the parameters of 2,000 simulated learners within ±0.03', async () => {
    const table = createResponseTable(simulateBkt({ learners: 2000, length: 20, params: truth, seed: 1 }));
    // SQUAREM is the default.
    const { skills } = await fitBkt(table, { seed: 7 });
    for (const key of ['pInit', 'pLearn', 'pGuess', 'pSlip'] as const)
      expect(Math.abs(skills.skill![key] - truth[key]), key).toBeLessThanOrEqual(0.03);
  });
});

describe('fitBkt', () => {
  it('recovers the parameters of 2,000 simulated learners within ±0.03 (plain EM)', async () => {
    const table = createResponseTable(simulateBkt({ learners: 2000, length: 20, params: truth, seed: 1 }));
    const { skills } = await fitBkt(table, { seed: 7, accelerate: false });
    const fitted = skills.skill!;
    for (const key of ['pInit', 'pLearn', 'pGuess', 'pSlip'] as const) {
      expect(Math.abs(fitted[key] - truth[key]), key).toBeLessThanOrEqual(0.03);
    }
    expect(fitted.pForget).toBe(0);
  });

  it('recovers forgetting within ±0.03', async () => {
    const params = { pInit: 0.3, pLearn: 0.2, pForget: 0.08, pGuess: 0.2, pSlip: 0.1 };
    const table = createResponseTable(simulateBkt({ learners: 3000, length: 30, params, seed: 2 }));
    const fitted = (await fitBkt(table, { forgets: true, seed: 7 })).skills.skill!;
    for (const key of ['pInit', 'pLearn', 'pForget', 'pGuess', 'pSlip'] as const) {
      expect(Math.abs(fitted[key] - params[key]), key).toBeLessThanOrEqual(0.03);
    }
  });

  it('recovers per-item guess and slip (KT-IDEM) within ±0.03', async () => {
    const items = [
      { id: 'easy', pGuess: 0.35, pSlip: 0.05 },
      { id: 'hard', pGuess: 0.1, pSlip: 0.2 },
    ];
    const table = createResponseTable(
      simulateBkt({ learners: 3000, length: 20, params: truth, seed: 4, items }),
    );
    const fitted = (await fitBkt(table, { itemGuessSlip: true, seed: 1 })).skills.skill!;
    for (const item of items) {
      expect(Math.abs(fitted.items![item.id]!.pGuess! - item.pGuess)).toBeLessThanOrEqual(0.03);
      expect(Math.abs(fitted.items![item.id]!.pSlip! - item.pSlip)).toBeLessThanOrEqual(0.03);
    }
  });

  it('fits a prior per learner class', async () => {
    const rows = [
      ...simulateBkt({
        learners: 1500,
        length: 15,
        params: { ...truth, pInit: 0.8 },
        seed: 5,
        skillId: 's',
      }).map((r) => ({
        ...r,
        learnerId: `a-${r.learnerId}`,
        learnerClass: 'advanced',
      })),
      ...simulateBkt({
        learners: 1500,
        length: 15,
        params: { ...truth, pInit: 0.1 },
        seed: 6,
        skillId: 's',
      }).map((r) => ({
        ...r,
        learnerId: `b-${r.learnerId}`,
        learnerClass: 'beginner',
      })),
    ];
    const fitted = (await fitBkt(createResponseTable(rows), { classPrior: true })).skills.s!;
    expect(Math.abs(fitted.classPInit!.advanced! - 0.8)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(fitted.classPInit!.beginner! - 0.1)).toBeLessThanOrEqual(0.04);
  });

  it('is deterministic for a seed, and restarts change with the seed', async () => {
    const table = createResponseTable(simulateBkt({ learners: 200, length: 10, params: truth, seed: 9 }));
    const a = await fitBkt(table, { seed: 3, restarts: 3, maxIterations: 5 });
    const b = await fitBkt(table, { seed: 3, restarts: 3, maxIterations: 5 });
    const c = await fitBkt(table, { seed: 4, restarts: 3, maxIterations: 5 });
    expect(b).toEqual(a);
    expect(c.skills.skill!.pLearn).not.toBe(a.skills.skill!.pLearn);
  });

  it('keeps guess and slip strictly below their bounds', async () => {
    const table = createResponseTable(
      simulateBkt({ learners: 300, length: 10, params: { ...truth, pGuess: 0.45 }, seed: 2 }),
    );
    const fitted = (await fitBkt(table, { maxGuess: 0.3, maxSlip: 0.3 })).skills.skill!;
    expect(fitted.pGuess).toBeLessThan(0.3);
    expect(fitted.pSlip).toBeLessThan(0.3);
  });

  it('holds fixed parameters, per skill or for all skills', async () => {
    const rows = [
      ...simulateBkt({ learners: 200, length: 10, params: truth, seed: 1, skillId: 'x' }),
      ...simulateBkt({ learners: 200, length: 10, params: truth, seed: 2, skillId: 'y' }),
    ];
    const model = await fitBkt(createResponseTable(rows), {
      fixed: { '*': { pSlip: 0.05 }, x: { pGuess: 0.25 } },
    });
    expect(model.skills.x!.pGuess).toBe(0.25);
    expect(model.skills.x!.pSlip).toBe(0.05);
    expect(model.skills.y!.pSlip).toBe(0.05);
    expect(model.skills.y!.pGuess).not.toBe(0.25);
  });

  it('reports progress once per skill and can be cancelled', async () => {
    const rows = ['a', 'b', 'c'].flatMap((skillId, k) =>
      simulateBkt({ learners: 50, length: 5, params: truth, seed: k, skillId }),
    );
    const table = createResponseTable(rows);
    const seen: number[] = [];
    await fitBkt(table, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([1, 2, 3]);

    const controller = new AbortController();
    const fitting = fitBkt(table, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(fitting).rejects.toMatchObject({ code: 'ABORTED' });
  });

  it('names the bad option and refuses variants the data cannot support', async () => {
    const table = createResponseTable([{ learnerId: 'a', skillId: 's', correct: true }]);
    await expect(fitBkt(table, { restarts: 0 })).rejects.toThrow(/"restarts"/);
    await expect(fitBkt(table, { itemGuessSlip: true })).rejects.toThrow(PacekitError);
    await expect(fitBkt(createResponseTable([]))).rejects.toMatchObject({ code: 'NOT_ENOUGH_DATA' });
  });
});
