import { readFile } from 'node:fs/promises';
import { type CsvOptions, type CsvResult, parseResponsesCsv } from '../data';

/**
 * Reads a one-row-per-response CSV file (Node only): {@link parseResponsesCsv} over the file's
 * UTF-8 text.
 *
 * @example
 * ```ts
 * import { readResponsesCsv } from '@pacekit/core/node';
 * const { table, rows } = await readResponsesCsv('builder_train.csv');
 * ```
 */
export async function readResponsesCsv(path: string, options?: CsvOptions): Promise<CsvResult> {
  return parseResponsesCsv(await readFile(path, 'utf8'), options);
}
