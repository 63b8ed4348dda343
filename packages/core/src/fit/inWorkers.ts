import * as z from 'zod/mini';
import { type FitBktOptions, FitBktOptionsSchema, fitBktWith, fitSkills } from '../bkt/fitBkt';
import type { BktModel } from '../bkt/params';
import { type FitAnswer, type FitThread, threadedFitter } from '../bkt/threaded';
import type { ResponseTable } from '../data';
import { PacekitError } from '../errors';
import { parseInput } from '../validation';

/**
 * A worker that fits skills: a browser's `Worker` running `@pacekit/core/fit-worker` fits as it
 * is (or anything that answers its messages as that module does).
 */
export interface FitWorker {
  /** Sends the worker a message. */
  postMessage(message: unknown): void;
  /** Listens to the worker's answers (`message`) and failures (`error`). */
  addEventListener(
    type: 'message' | 'error',
    listener: (event: { data?: unknown; message?: string }) => void,
  ): void;
  /** Stops the worker. */
  terminate(): void;
}

/** Options of {@link fitBktInWorkers}: those of `fitBkt`, the workers, and how many threads. */
export interface FitBktInWorkersOptions extends FitBktOptions {
  /**
   * Starts one worker running `@pacekit/core/fit-worker`, e.g. with Vite
   * `() => new FitWorkerModule()` from `import FitWorkerModule from '@pacekit/core/fit-worker?worker'`.
   */
  createWorker: () => FitWorker;
  /**
   * Threads fitting skills at once, this one included (default: `navigator.hardwareConcurrency`,
   * or 2 where it is unknown; 1: this thread only, no worker).
   */
  threads?: number;
}

const WorkersSchema = z.object({
  createWorker: z.custom<() => FitWorker>(
    (v) => typeof v === 'function',
    'must be a function that starts a worker',
  ),
  threads: z.optional(z.int().check(z.gte(1), z.lte(256))),
});

/** The threads to use by default: the device's logical cores where the runtime tells. */
function defaultThreads(): number {
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return typeof cores === 'number' && Number.isInteger(cores) && cores >= 1 ? Math.min(cores, 256) : 2;
}

/** A Web Worker as the threaded fitter sees it. */
function webThread(worker: FitWorker): FitThread {
  return {
    send: (tasks) => worker.postMessage(tasks),
    listen: (onAnswer, onFailure) => {
      worker.addEventListener('message', (event) => onAnswer(event.data as FitAnswer));
      worker.addEventListener('error', (event) =>
        onFailure(new Error(`fitBktInWorkers: a worker failed (${event.message ?? 'no message'})`)),
      );
    },
  };
}

/**
 * `fitBkt` on Web Workers, where the app asks: skills are fitted at once on `threads - 1`
 * workers and this thread, largest first; learner types (`individualize`) then on this thread.
 * The model is the one `fitBkt` gives for the same data, options and seed, bit for bit. Progress
 * is reported per skill as each finishes; `signal` stops the fit and the workers. Runs wherever
 * workers do (browsers, Deno, Bun); on Node, `fitBktParallel` from `@pacekit/core/node` starts
 * worker threads itself.
 *
 * @example
 * ```ts
 * import { fitBktInWorkers } from '@pacekit/core/fit';
 * import FitWorker from '@pacekit/core/fit-worker?worker'; // Vite; with webpack:
 * // () => new Worker(new URL('@pacekit/core/fit-worker', import.meta.url), { type: 'module' })
 * const model = await fitBktInWorkers(table, { createWorker: () => new FitWorker(), forgets: true });
 * ```
 */
export async function fitBktInWorkers(
  table: ResponseTable,
  options: FitBktInWorkersOptions,
): Promise<BktModel> {
  const { createWorker, threads: given, ...rest } = options ?? ({} as FitBktInWorkersOptions);
  const { threads = defaultThreads() } = parseInput(
    WorkersSchema,
    { createWorker, threads: given },
    'fitBktInWorkers options',
  );
  const opts = parseInput(FitBktOptionsSchema, rest, 'fitBkt options');
  if (threads === 1) return fitBktWith(table, opts, fitSkills);
  const workers: FitWorker[] = [];
  try {
    for (let i = 0; i < Math.min(threads, table.skillIds.length) - 1; i++) {
      const worker = createWorker();
      if (!worker || typeof worker.postMessage !== 'function')
        throw new PacekitError('INVALID_INPUT', 'fitBktInWorkers: "createWorker" must return a Worker');
      workers.push(worker);
    }
    return await fitBktWith(
      table,
      opts,
      threadedFitter(workers.map(webThread), opts.signal, 'fitBktInWorkers'),
    );
  } finally {
    for (const worker of workers) worker.terminate();
  }
}
