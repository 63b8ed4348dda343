import * as z from 'zod/mini';
import { PacekitError } from '../errors';

/** Where a long piece of work is: `done` of `total` units of `phase`. */
export interface Progress {
  /** What is being done, e.g. `'fit'` or `'fold 2/5'`. */
  phase: string;
  /** Units finished. */
  done: number;
  /** Units in all. */
  total: number;
  /** The unit just finished, when it has a name (a skill id, say). */
  unit?: string;
}

/** The options every long-running Pacekit function takes. */
export interface LongWorkOptions {
  /** Called after each unit of work. */
  onProgress?: ((progress: Progress) => void) | undefined;
  /** Cancels the work: the promise rejects with a `PacekitError` whose code is `ABORTED`. */
  signal?: AbortSignal | undefined;
}

/**
 * zod fields for {@link LongWorkOptions}, for Pacekit packages to extend an options schema
 * with, so that every long-running function takes `onProgress` and `signal` the same way.
 *
 * @internal
 */
export const longWorkFields = {
  /** Called after each unit of work. */
  onProgress: z.optional(
    z.custom<(progress: Progress) => void>((v) => typeof v === 'function', 'expected a function'),
  ),
  /** Cancels the work. */
  signal: z.optional(
    z.custom<AbortSignal>(
      (v) => typeof v === 'object' && v !== null && typeof (v as AbortSignal).aborted === 'boolean',
      'expected an AbortSignal',
    ),
  ),
};

/** Throws the `ABORTED` error if `signal` has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new PacekitError('ABORTED', 'The operation was aborted', { reason: signal.reason });
  }
}

/**
 * A turn of the event loop: a macrotask, so timers, I/O and input run before the work goes on
 * (`setImmediate` where there is one, else a zero timer).
 *
 * @internal
 */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => {
    const immediate = (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate;
    if (immediate) immediate(resolve);
    else setTimeout(resolve, 0);
  });

/** The longest stretch of Pacekit's own sliced work (folds, log checks) without a turn of the event loop (ms). @internal */
export const SLICE_MS = 20;

/**
 * Lets long synchronous loops give the event loop a turn every `sliceMs`, so that progress can
 * render and an abort can arrive, at a cost of one timer per slice rather than per unit.
 *
 * @internal
 */
export function createYielder(signal: AbortSignal | undefined, sliceMs = 25): () => Promise<void> {
  let last = performance.now();
  return async () => {
    throwIfAborted(signal);
    const now = performance.now();
    if (now - last < sliceMs) return;
    await nextTurn();
    last = performance.now();
    throwIfAborted(signal);
  };
}
