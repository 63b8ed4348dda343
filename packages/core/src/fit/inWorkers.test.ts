import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { sixSkillTable } from '../__fixtures__/fitTable';
import { fitBkt } from '../bkt/fitBkt';
import { type FitWorker, fitBktInWorkers } from './inWorkers';

// A Web Worker, as far as `fitBktInWorkers` and `@pacekit/core/fit-worker` use one, on a Node
// worker thread: the module runs as a browser runs it (its `addEventListener` and `postMessage`
// are the worker's global scope), loaded from source through tsx.
const tsx = new URL(
  'dist/esm/api/index.mjs',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
).href;
const workerModule = new URL('./worker.ts', import.meta.url).href;
const scope = `
  const { parentPort } = require('node:worker_threads');
  globalThis.addEventListener = (type, listener) => parentPort.on(type, (data) => listener({ data }));
  globalThis.postMessage = (message) => parentPort.postMessage(message);
  import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(workerModule)}); });
`;
let started = 0;
let stopped = 0;
const createWorker = (code = scope): FitWorker => {
  const worker = new Worker(code, { eval: true });
  started++;
  return {
    postMessage: (message) => worker.postMessage(message),
    addEventListener: (type, listener) => {
      if (type === 'message') worker.on('message', (data) => listener({ data }));
      else worker.on('error', (error) => listener({ message: error.message }));
    },
    terminate: () => {
      stopped++;
      void worker.terminate();
    },
  };
};

const table = sixSkillTable;

describe('fitBktInWorkers', () => {
  it('gives the model fitBkt gives, bit for bit, on Web Workers, and stops every worker it started', async () => {
    for (const options of [{ forgets: true }, { itemGuessSlip: true, restarts: 3, seed: 7 }]) {
      const single = await fitBkt(table, options);
      for (const threads of [2, 3]) {
        const before = started;
        const seen: number[] = [];
        const model = await fitBktInWorkers(table, {
          ...options,
          threads,
          createWorker,
          onProgress: ({ done }) => seen.push(done),
        });
        expect(model).toEqual(single);
        expect(Object.keys(model.skills)).toEqual(Object.keys(single.skills));
        expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
        expect(started - before).toBe(threads - 1);
      }
    }
    expect(stopped).toBe(started);
  });

  it('fits on this thread alone with threads: 1, names a missing createWorker, and stops when cancelled', async () => {
    const before = started;
    expect(await fitBktInWorkers(table, { threads: 1, createWorker })).toEqual(await fitBkt(table));
    expect(started).toBe(before);
    await expect(fitBktInWorkers(table, {} as never)).rejects.toThrow(/"createWorker"/);
    await expect(fitBktInWorkers(table, { createWorker, threads: 0 })).rejects.toThrow(/"threads".*got 0/);
    const controller = new AbortController();
    const fit = fitBktInWorkers(table, { threads: 2, createWorker, restarts: 50, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(fit).rejects.toMatchObject({ code: 'ABORTED' });
    expect(stopped).toBe(started);
  });

  it('rejects, naming the worker, when a worker fails', async () => {
    const broken = () => createWorker(`throw new Error('no such module')`);
    await expect(fitBktInWorkers(table, { threads: 2, createWorker: broken })).rejects.toThrow(
      'fitBktInWorkers: a worker failed (no such module)',
    );
  });
});
