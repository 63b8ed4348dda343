// Fitting skills on several threads, whatever the runtime: Node's worker threads
// (`@pacekit/core/node`) and the browser's Web Workers (`@pacekit/core/fit`) both run this
// protocol. The calling thread deals the skills out, fits its own share, and collects the others'
// fits in the table's order, so the model is the single-thread fit's, bit for bit.
import { PacekitError } from '../errors';
import { createEmScratch } from './em';
import type { SkillsFitter } from './fitBkt';
import type { SkillSequences } from './sequences';
import {
  collectSkills,
  type FittedSkill,
  fitSkill,
  longestSequence,
  type SkillFitOptions,
  type TableNames,
} from './skillFit';

/** What a fitting thread is sent: its share of the skills and all it needs to fit them. @internal */
export interface FitTasks {
  names: TableNames;
  opts: SkillFitOptions;
  maxLength: number;
  tasks: { index: number; seq: SkillSequences }[];
}

/** What a fitting thread answers, once per skill. @internal */
export interface FitAnswer {
  index: number;
  skill?: FittedSkill;
  error?: string;
}

/** A thread that fits skills, as the calling thread sees it (Node worker or Web Worker). @internal */
export interface FitThread {
  /** Sends the thread its share. */
  send(tasks: FitTasks): void;
  /** Calls `onAnswer` with each answer and `onFailure` if the thread dies. */
  listen(onAnswer: (answer: FitAnswer) => void, onFailure: (error: Error) => void): void;
}

/** The options a skill's fit reads, without the callbacks (which cannot cross threads). @internal */
export const skillOptionsOf = (opts: SkillFitOptions): SkillFitOptions => ({
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

const noYield = async (): Promise<void> => {};

/** The part of AbortSignal that tells of an abort. */
interface AbortTarget {
  addEventListener(type: 'abort', listener: () => void, options: { once: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** The fitting thread's side: fits its share in turn, answering with each fit (or the error). @internal */
export async function serveFitTasks(message: FitTasks, answer: (a: FitAnswer) => void): Promise<void> {
  const scratch = createEmScratch(message.maxLength);
  for (const { index, seq } of message.tasks) {
    try {
      answer({ index, skill: await fitSkill(message.names, seq, message.opts, scratch, noYield) });
    } catch (error) {
      answer({ index, error: error instanceof Error ? error.message : String(error) });
      return;
    }
  }
}

/**
 * A skills fitter on this thread and `threads`. Skills are dealt out before any starts, largest
 * first to the thread with the least work so far (by responses), and each thread fits its own
 * share: a thread never waits for this thread's event loop to hand it the next skill.
 * `signal` stops the fit at once (the caller then terminates the threads); errors name `caller`.
 * @internal
 */
export function threadedFitter(
  threads: readonly FitThread[],
  signal: AbortSignal | undefined,
  caller: string,
): SkillsFitter {
  return async (table, sequences, opts, yieldTurn, onSkill) => {
    const shares: number[][] = Array.from({ length: threads.length + 1 }, () => []);
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
    const names = { skillIds: table.skillIds, itemIds: table.itemIds, classIds: table.classIds };
    const skillOpts = skillOptionsOf(opts);
    const offThread = threads.map(
      (thread, t) =>
        new Promise<void>((resolve, reject) => {
          const share = shares[t + 1]!;
          let left = share.length;
          if (left === 0) return resolve();
          thread.listen((answer) => {
            if (answer.error !== undefined || !answer.skill) reject(new Error(`${caller}: ${answer.error}`));
            else {
              finished(answer.index, answer.skill);
              if (--left === 0) resolve();
            }
          }, reject);
          thread.send({
            names,
            opts: skillOpts,
            maxLength,
            tasks: share.map((index) => ({ index, seq: sequences[index]! })),
          });
        }),
    );
    const onThread = (async () => {
      const scratch = createEmScratch(maxLength);
      for (const index of shares[0]!)
        finished(index, await fitSkill(table, sequences[index]!, skillOpts, scratch, yieldTurn));
    })();
    // The threads run to the end of their shares unless cancelled: then the fit stops at once.
    // (The runtime-neutral typings leave out AbortSignal's EventTarget side; every runtime has it.)
    const target = signal as unknown as AbortTarget | undefined;
    let stop = (): void => {};
    const aborted = new Promise<never>((_, reject) => {
      stop = () => reject(new PacekitError('ABORTED', `${caller}: cancelled`));
      if (signal?.aborted) stop();
      target?.addEventListener('abort', stop, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      await Promise.race([Promise.all([onThread, ...offThread]), aborted]);
    } finally {
      target?.removeEventListener('abort', stop);
    }
    // In the table's skill order, summed in that order: the single-thread fit, bit for bit.
    return collectSkills(results);
  };
}
