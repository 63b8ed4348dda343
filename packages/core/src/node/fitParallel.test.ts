import { describe, expect, it } from 'vitest';
import { sixSkillTable } from '../__fixtures__/fitTable';
import { fitBkt } from '../bkt/fitBkt';
import { fitBktParallel } from './fitParallel';

const table = sixSkillTable;

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
