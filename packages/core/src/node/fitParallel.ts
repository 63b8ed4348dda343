import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as z from 'zod/mini';
import { createEmScratch } from '../bkt/em';
import {
  type FitBktOptions,
  FitBktOptionsSchema,
  fitBktWith,
  fitSkills,
  type SkillsFitter,
} from '../bkt/fitBkt';
import type { BktModel } from '../bkt/params';
import {
  collectSkills,
  type FittedSkill,
  fitSkill,
  longestSequence,
  type SkillFitOptions,
} from '../bkt/skillFit';
import type { ResponseTable } from '../data';
import { PacekitError } from '../errors';
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

/** The options a skill's fit reads, without the callbacks (which cannot cross threads). */
const skillOptionsOf = (opts: SkillFitOptions): SkillFitOptions => ({
  forgets: opts.forgets,
  itemGuessSlip: opts.itemGuessSlip,
  itemLearn: opts.itemLearn,
  maxGuess: opts.maxGuess,
  maxSlip: opts.maxSlip,
  fixed: opts.fixed,
  seed: opts.seed,
  restarts: opts.restarts,
  maxIterations: opts.maxIterations,
  tolerance: opts.tolerance,
  accelerate: opts.accelerate,
});

/**
 * A skills fitter on this thread and `workers` (started before the data was grouped, so their
 * start-up overlaps it). Skills are dealt out before any starts, largest first to the thread
 * with the least work so far (by responses), and each thread fits its own share: a worker never
 * waits for this thread's event loop to hand it the next skill.
 */
function threaded(workers: readonly Worker[], signal: AbortSignal | undefined): SkillsFitter {
  return async (table, sequences, opts, yieldTurn, onSkill) => {
    const shares: number[][] = Array.from({ length: workers.length + 1 }, () => []);
    const load = shares.map(() => 0);
    const bySize = sequences
      .map((_, i) => i)
      .sort((a, b) => sequences[b]!.responses - sequences[a]!.responses);
    for (const index of bySize) {
      const least = load.indexOf(Math.min(...load));
      shares[least]!.push(index);
      load[least]! += sequences[index]!.responses;
    }
    const results: FittedSkill[] = new Array(sequences.length);
    let done = 0;
    const finished = (index: number, skill: FittedSkill) => {
      results[index] = skill;
      done++;
      onSkill?.(done, sequences.length, skill.skillId);
    };
    const maxLength = longestSequence(sequences);
    const offThread = workers.map(
      (worker, w) =>
        new Promise<void>((resolve, reject) => {
          const share = shares[w + 1]!;
          let left = share.length;
          if (left === 0) return resolve();
          worker.on('error', reject);
          worker.on('exit', (code) =>
            reject(new Error(`fitBktParallel: a worker stopped (exit code ${code})`)),
          );
          worker.on('message', (message: { index: number; skill?: FittedSkill; error?: string }) => {
            if (message.error !== undefined || !message.skill)
              reject(new Error(`fitBktParallel: ${message.error}`));
            else {
              finished(message.index, message.skill);
              if (--left === 0) resolve();
            }
          });
          worker.postMessage({ maxLength, tasks: share.map((index) => ({ index, seq: sequences[index] })) });
        }),
    );
    const onThread = (async () => {
      const scratch = createEmScratch(maxLength);
      for (const index of shares[0]!)
        finished(index, await fitSkill(table, sequences[index]!, skillOptionsOf(opts), scratch, yieldTurn));
    })();
    // The workers run to the end of their shares unless cancelled: then the fit stops at once
    // (the caller terminates them).
    let stop = (): void => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => reject(new PacekitError('ABORTED', 'fitBktParallel: cancelled'));
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      await Promise.race([Promise.all([onThread, ...offThread]), aborted]);
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    // In the table's skill order, summed in that order: the single-thread fit, bit for bit.
    return collectSkills(results);
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
  const workerData = {
    names: { skillIds: table.skillIds, itemIds: table.itemIds, classIds: table.classIds },
    opts: skillOptionsOf(opts),
  };
  // This thread is one of the threads.
  const workers = Array.from(
    { length: Math.min(threads, table.skillIds.length) - 1 },
    () => new Worker(script, { eval: isCode, workerData }),
  );
  try {
    return await fitBktWith(table, opts, threaded(workers, opts.signal));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
