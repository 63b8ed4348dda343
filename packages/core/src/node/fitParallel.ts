import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as z from 'zod/mini';
import { type FitBktOptions, FitBktOptionsSchema, fitBktWith, fitSkills } from '../bkt/fitBkt';
import type { BktModel } from '../bkt/params';
import { type FitThread, threadedFitter } from '../bkt/threaded';
import type { ResponseTable } from '../data';
import { parseInput } from '../validation';

/** Options of {@link fitBktParallel}: those of `fitBkt`, and how many threads fit skills. */
export interface FitBktParallelOptions extends FitBktOptions {
  /** Worker threads fitting skills at once (default: the machine's cores; 1: this thread only). */
  threads?: number;
}

const ThreadsSchema = z.object({ threads: z.optional(z.int().check(z.gte(1), z.lte(256))) });

/**
 * The worker beside this module: the built `.js`/`.cjs`, or — from source, in this repository's
 * tests — the `.ts` file, loaded through tsx's module hooks registered in the worker first.
 */
function workerScript(): { script: URL | string; eval: boolean } {
  // This module's file (the build shims import.meta.url in CommonJS).
  const self = import.meta.url;
  const extension = self.slice(self.lastIndexOf('.'));
  if (extension !== '.ts') return { script: new URL(`./fitWorker${extension}`, self), eval: false };
  const tsx = new URL(
    'dist/esm/api/index.mjs',
    pathToFileURL(createRequire(self).resolve('tsx/package.json')),
  ).href;
  const file = new URL('./fitWorker.ts', self).href;
  return {
    script: `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(file)}); });`,
    eval: true,
  };
}

/** A worker thread as the threaded fitter sees it. */
function nodeThread(worker: Worker): FitThread {
  return {
    send: (tasks) => worker.postMessage(tasks),
    listen: (onAnswer, onFailure) => {
      worker.on('message', onAnswer);
      worker.on('error', onFailure);
      worker.on('exit', (code) =>
        onFailure(new Error(`fitBktParallel: a worker stopped (exit code ${code})`)),
      );
    },
  };
}

/**
 * `fitBkt` on every core (Node only): skills are fitted at once on worker threads, largest
 * first; learner types (`individualize`) then on this thread. The model is the one `fitBkt`
 * gives for the same data, options and seed, bit for bit: a skill's restarts draw from a stream
 * keyed by its id, and the log-likelihoods are summed in the table's order. Progress is reported
 * per skill as each finishes; `signal` stops the threads.
 *
 * @example
 * ```ts
 * import { fitBktParallel, readResponsesCsv } from '@pacekit/core/node';
 * const { table } = await readResponsesCsv('builder_train.csv');
 * const model = await fitBktParallel(table, { forgets: true, threads: 2 });
 * ```
 */
export async function fitBktParallel(
  table: ResponseTable,
  options: FitBktParallelOptions = {},
): Promise<BktModel> {
  const { threads: given, ...rest } = options;
  const { threads = availableParallelism() } = parseInput(
    ThreadsSchema,
    { threads: given },
    'fitBktParallel options',
  );
  const opts = parseInput(FitBktOptionsSchema, rest, 'fitBkt options');
  if (threads === 1) return fitBktWith(table, opts, fitSkills);
  const { script, eval: isCode } = workerScript();
  // This thread is one of the threads; the workers start before the data is grouped, so their
  // start-up overlaps it.
  const workers = Array.from(
    { length: Math.min(threads, table.skillIds.length) - 1 },
    () => new Worker(script, { eval: isCode }),
  );
  try {
    return await fitBktWith(
      table,
      opts,
      threadedFitter(workers.map(nodeThread), opts.signal, 'fitBktParallel'),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
