import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type LongWorkOptions, throwIfAborted } from '../async';
import { type CsvOptions, type CsvResult, createResponsesCsvParser } from '../data';

/** Options of {@link readResponsesCsv}: the CSV options, progress in bytes, cancellation. */
export type ReadResponsesCsvOptions = CsvOptions & LongWorkOptions;

/**
 * Reads a one-row-per-response CSV file (Node only), as `parseResponsesCsv` (`@pacekit/core/fit`) reads text,
 * streaming it a megabyte at a time: memory holds the table, never the file's text, so files of
 * any size can be read (one string can hold at most ~512 MiB). Reports progress in bytes (phase
 * `'read'`) and stops with `ABORTED` when `signal` aborts.
 *
 * @example
 * ```ts
 * import { readResponsesCsv } from '@pacekit/core/node';
 * const { table, rows } = await readResponsesCsv('builder_train.csv', {
 *   onProgress: ({ done, total }) => console.log(`${Math.round((100 * done) / total)}%`),
 * });
 * ```
 */
export async function readResponsesCsv(
  path: string,
  options: ReadResponsesCsvOptions = {},
): Promise<CsvResult> {
  const { onProgress, signal, ...csvOptions } = options;
  throwIfAborted(signal);
  const { size } = await stat(path);
  const parser = createResponsesCsvParser(csvOptions, size);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      throwIfAborted(signal);
      parser.push(chunk);
      onProgress?.({ phase: 'read', done: stream.bytesRead, total: size });
    }
  } finally {
    stream.destroy();
  }
  return parser.end();
}
export { type FitBktParallelOptions, fitBktParallel } from './fitParallel';
