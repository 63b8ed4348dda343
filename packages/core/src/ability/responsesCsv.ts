import { DEFAULT_COLUMN_NAMES, forEachCsvRecord } from '../data/csv';
import { PacekitError } from '../errors';
import type { ResponseMatrix } from './irt';

/** Responses read from CSV for calibration or scoring. */
export interface IrtCsv {
  /** The responses, one row per examinee (or per pattern, with its count). */
  matrix: ResponseMatrix;
  /** Each row's label: the examinee id, or the pattern's line number. */
  rowIds: string[];
  /** `wide` (a column per item) or `long` (learner, item, correct). */
  layout: 'wide' | 'long';
}

const ID_COLUMNS = ['id', 'examinee', 'person', 'respondent', ...DEFAULT_COLUMN_NAMES.learner];

/**
 * Reads item responses from CSV, wide or long. Wide: one row per examinee (or response
 * pattern), one column per item with 0/1 or blank (not answered), an optional `count` column
 * (weight of the pattern) and an optional id column (`id`, `examinee`, `learner`, …). Long: a
 * learner, an item and a correct column (names as in `parseResponsesCsv`). A bad cell throws a
 * `PacekitError` (`INVALID_CSV`) naming its line, column and value.
 */
export function parseIrtCsv(text: string, delimiter = ','): IrtCsv {
  const records: { fields: string[]; line: number }[] = [];
  forEachCsvRecord(text, delimiter, (fields, line) => records.push({ fields, line }));
  const header = records.shift()?.fields.map((h) => h.trim());
  if (!header) throw new PacekitError('INVALID_CSV', 'Response CSV is empty');
  const lower = header.map((h) => h.toLowerCase());
  const find = (names: readonly string[]) => names.map((n) => lower.indexOf(n)).find((i) => i !== -1) ?? -1;
  const bad = (line: number, column: string, value: string, reason: string): never => {
    throw new PacekitError(
      'INVALID_CSV',
      `CSV line ${line}, column "${column}": ${reason} (got ${JSON.stringify(value)})`,
      { line, column, value },
    );
  };
  const cell01 = (value: string, line: number, column: string): 0 | 1 | -1 => {
    const v = value.trim();
    if (v === '' || v.toUpperCase() === 'NA') return -1;
    if (v === '1') return 1;
    if (v === '0') return 0;
    return bad(line, column, value, 'expected 0, 1 or blank');
  };

  const learnerCol = find(DEFAULT_COLUMN_NAMES.learner);
  const itemCol = find(DEFAULT_COLUMN_NAMES.item);
  const correctCol = find(DEFAULT_COLUMN_NAMES.correct);
  if (learnerCol !== -1 && itemCol !== -1 && correctCol !== -1) {
    const rowOf = new Map<string, number>();
    const itemOf = new Map<string, number>();
    const cells: [number, number, 0 | 1 | -1][] = [];
    for (const { fields, line } of records) {
      const learner = fields[learnerCol]?.trim() ?? '';
      const item = fields[itemCol]?.trim() ?? '';
      if (learner === '') bad(line, header[learnerCol]!, learner, 'expected a learner id');
      if (item === '') bad(line, header[itemCol]!, item, 'expected an item id');
      if (!rowOf.has(learner)) rowOf.set(learner, rowOf.size);
      if (!itemOf.has(item)) itemOf.set(item, itemOf.size);
      cells.push([
        rowOf.get(learner)!,
        itemOf.get(item)!,
        cell01(fields[correctCol] ?? '', line, header[correctCol]!),
      ]);
    }
    const J = itemOf.size;
    const responses = new Int8Array(rowOf.size * J).fill(-1);
    for (const [i, j, x] of cells) responses[i * J + j] = x;
    return {
      matrix: { itemIds: [...itemOf.keys()], responses, counts: new Float64Array(rowOf.size).fill(1) },
      rowIds: [...rowOf.keys()],
      layout: 'long',
    };
  }

  const countCol = lower.indexOf('count');
  const idCol = find(ID_COLUMNS);
  const itemCols = header.map((_, j) => j).filter((j) => j !== countCol && j !== idCol);
  if (itemCols.length === 0)
    throw new PacekitError('INVALID_CSV', 'Response CSV has no item columns', { header });
  const J = itemCols.length;
  const responses = new Int8Array(records.length * J);
  const counts = new Float64Array(records.length);
  const rowIds: string[] = [];
  records.forEach(({ fields, line }, i) => {
    if (fields.length !== header.length)
      bad(
        line,
        header[Math.min(fields.length, header.length - 1)]!,
        fields.join(delimiter),
        `expected ${header.length} fields, found ${fields.length}`,
      );
    itemCols.forEach((c, j) => {
      responses[i * J + j] = cell01(fields[c] ?? '', line, header[c]!);
    });
    if (countCol !== -1) {
      const raw = fields[countCol]!.trim();
      const count = Number(raw);
      if (raw === '' || !Number.isFinite(count) || count < 0)
        bad(line, header[countCol]!, raw, 'expected a count ≥ 0');
      counts[i] = count;
    } else counts[i] = 1;
    rowIds.push(idCol !== -1 ? fields[idCol]!.trim() : `line ${line}`);
  });
  return { matrix: { itemIds: itemCols.map((c) => header[c]!), responses, counts }, rowIds, layout: 'wide' };
}
