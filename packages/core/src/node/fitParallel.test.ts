import { describe, expect, it } from 'vitest';
import { simulateBkt } from '../__fixtures__/simulateBkt';
import { fitBkt } from '../bkt/fitBkt';
import { createResponseTable } from '../data';
import { fitBktParallel } from './fitParallel';

// Six skills of different sizes and parameters (one named like an Object.prototype member),
// with items, so each variant's parameters are exercised.
const table = createResponseTable(
  ['fractions', 'constructor', 'decimals', 'ratios', 'angles', 'area'].flatMap((skillId, k) =>
    simulateBkt({
      learners: 150 + 90 * k,
      length: 12 + 3 * k,
      params: { pInit: 0.1 + 0.05 * k, pLearn: 0.1 + 0.03 * k, pForget: 0.02, pGuess: 0.2, pSlip: 0.1 },
      seed: 10 + k,
      skillId,
      items: [
        { id: `${skillId}-1`, pGuess: 0.15, pSlip: 0.1 },
        { id: `${skillId}-2`, pGuess: 0.3, pSlip: 0.05 },
      ],
    }),
  ),
);

describe('fitBktParallel', () => {
  it('gives the model fitBkt gives, bit for bit, on 2 and 3 threads', async () => {
    for (const options of [
      { forgets: true },
      { itemGuessSlip: true, restarts: 3, seed: 7 },
      { forgets: true, itemGuessSlip: true, accelerate: true },
    ]) {
      const single = await fitBkt(table, options);
      for (const threads of [2, 3]) {
        const seen: number[] = [];
        const parallel = await fitBktParallel(table, {
          ...options,
          threads,
          onProgress: ({ done }) => seen.push(done),
        });
        expect(parallel).toEqual(single);
        expect(Object.keys(parallel.skills)).toEqual(Object.keys(single.skills));
        expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
      }
    }
  });

  it('fits learner types on this thread after the skills, as fitBkt does', async () => {
    const options = { individualize: true, learnerTypes: 2, restarts: 2 };
    expect(await fitBktParallel(table, { ...options, threads: 2 })).toEqual(await fitBkt(table, options));
  });

  it('stops with ABORTED when cancelled, and names a bad thread count', async () => {
    const controller = new AbortController();
    const fit = fitBktParallel(table, { threads: 2, restarts: 50, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(fit).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(fitBktParallel(table, { threads: 0 })).rejects.toThrow(/"threads".*got 0/);
  });
});
