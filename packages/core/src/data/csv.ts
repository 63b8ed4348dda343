import * as z from 'zod/mini';
import { describeValue, PacekitError } from '../errors';
import { parseInput } from '../validation';
import { type ResponseTable, ResponseTableBuilder } from './responseTable';

/** Which CSV column holds which field. Names are matched case-insensitively. */
export const ResponseColumnsSchema = z.object({
  learner: z.optional(z.string().check(z.minLength(1))),
  skill: z.optional(z.string().check(z.minLength(1))),
  correct: z.optional(z.string().check(z.minLength(1))),
  item: z.optional(z.string().check(z.minLength(1))),
  order: z.optional(z.string().check(z.minLength(1))),
  learnerClass: z.optional(z.string().check(z.minLength(1))),
});

/** Column mapping for {@link parseResponsesCsv}; unmapped fields are auto-detected. */
export type ResponseColumns = z.input<typeof ResponseColumnsSchema>;

/**
 * Header names recognised when a column is not mapped, in order of preference. They cover the
 * layouts of pyBKT, the ASSISTments releases and PSLC DataShop exports.
 */
export const DEFAULT_COLUMN_NAMES = {
  learner: ['user_id', 'student_id', 'learner_id', 'learner', 'student', 'anon student id'],
  skill: ['skill_name', 'skill_id', 'skill', 'kc', 'kc(default)', 'knowledge_component'],
  correct: ['correct', 'correct first attempt', 'is_correct', 'outcome'],
  item: ['item_id', 'item', 'problem_id', 'question_id', 'problem name', 'template_id'],
  order: ['order_id', 'order', 'timestamp', 'start_time', 'time'],
  learnerClass: ['class', 'learner_class', 'class_id', 'section'],
} as const satisfies Record<keyof ResponseColumns, readonly string[]>;

/** Options of {@link parseResponsesCsv}, with their defaults. */
export const CsvOptionsSchema = z.object({
  columns: z._default(ResponseColumnsSchema, {}),
  /** Separator between several skills in one cell (DataShop's `~~`). */
  skillSeparator: z._default(z.string().check(z.minLength(1)), '~~'),
  /** Field delimiter. */
  delimiter: z._default(z.string().check(z.length(1)), ','),
  /** `'throw'` (default) stops at the first bad row; `'skip'` leaves it out and counts it. */
  onBadRow: z._default(z.literal(['throw', 'skip']), 'throw'),
});

/** Options of {@link parseResponsesCsv}. */
export type CsvOptions = z.input<typeof CsvOptionsSchema>;

/** A row that could not be read: where, which column, what value, why. */
export interface CsvIssue {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** Column name, as in the header. */
  column: string;
  /** The cell's text. */
  value: string;
  /** What was expected. */
  reason: string;
}

/** What {@link parseResponsesCsv} read. */
export interface CsvResult {
  /** The responses, ordered by the order column when there is one. */
  table: ResponseTable;
  /** Data rows in the file. */
  rows: number;
  /** Rows left out because the skill cell was empty (pyBKT drops these too). */
  emptySkill: number;
  /** Rows left out as bad (only with `onBadRow: 'skip'`). */
  skipped: number;
  /** The first 20 bad rows, with line, column, value and reason. */
  issues: CsvIssue[];
  /** The header name used for each field (undefined: not present). */
  columns: Record<keyof ResponseColumns, string | undefined>;
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields, doubled quotes, CRLF or LF), calling
 * `onRecord(fields, line)` for each with the 1-based line on which the record starts.
 */
export function forEachCsvRecord(
  text: string,
  delimiter: string,
  onRecord: (fields: string[], line: number) => void,
): void {
  scanCsvRecords(text, text.charCodeAt(0) === 0xfeff ? 1 : 0, 1, delimiter, true, onRecord);
}

/**
 * Scans records from `text` at `from` (the record there starts on line `line`). With `final`
 * false, a record that reaches the end of `text` unterminated (the rest may be in the next chunk)
 * is left unread. Returns where it stopped and that position's line. @internal
 */
function scanCsvRecords(
  text: string,
  from: number,
  line: number,
  delimiter: string,
  final: boolean,
  onRecord: (fields: string[], line: number) => void,
): { next: number; line: number } {
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  let i = from;
  while (i < n) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let at = ++i;
        for (;;) {
          const q = text.indexOf('"', at);
          // An unclosed quote at the end of a chunk, or a doubled quote split across chunks.
          if (!final && (q === -1 || q === n - 1)) return { next: start, line: startLine };
          if (q === -1) {
            throw new PacekitError('INVALID_CSV', `CSV line ${startLine}: a quoted field is never closed`, {
              line: startLine,
            });
          }
          value += text.slice(at, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            at = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        for (const ch of value) if (ch === '\n') line++;
        fields.push(value);
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === sep || c === 10 || c === 13) break;
          j++;
        }
        fields.push(text.slice(i, j));
        i = j;
      }
      // The record (or its CRLF) may go on in the next chunk.
      if (!final && (i >= n || (text.charCodeAt(i) === 13 && i + 1 >= n)))
        return { next: start, line: startLine };
      const c = text.charCodeAt(i);
      if (c === sep) {
        i++;
        continue;
      }
      if (c === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      line++;
      break;
    }
    if (!(fields.length === 1 && fields[0] === '')) onRecord(fields, startLine);
  }
  return { next: i, line };
}

function findColumn(header: string[], mapped: string | undefined, candidates: readonly string[]): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  if (mapped !== undefined) return lower.indexOf(mapped.trim().toLowerCase());
  for (const name of candidates) {
    const index = lower.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

function parseCorrect(cell: string): 0 | 1 | undefined {
  const value = cell.trim().toLowerCase();
  if (value === '1' || value === 'true') return 1;
  if (value === '0' || value === 'false') return 0;
  if (value === '') return undefined;
  const score = Number(value);
  if (!Number.isFinite(score) || score < 0 || score > 1) return undefined;
  return score >= 0.5 ? 1 : 0;
}

/**
 * Reads one-row-per-response CSV (pyBKT / ASSISTments / DataShop layouts) into a
 * {@link ResponseTable}. Columns are auto-detected from common header names
 * ({@link DEFAULT_COLUMN_NAMES}) unless mapped. `correct` accepts 0/1, true/false or a score in
 * [0, 1] (correct from 0.5). When an order column exists, rows are ordered by it (numbers
 * numerically, anything else as text), keeping file order among equal values.
 *
 * A bad row throws a `PacekitError` (`INVALID_CSV`) naming its line, column and value; with
 * `onBadRow: 'skip'` it is left out and counted instead.
 *
 * @example
 * ```ts
 * const { table } = parseResponsesCsv('user_id,skill_name,correct\nada,fractions,1\n');
 * ```
 */
export function parseResponsesCsv(text: string, options: CsvOptions = {}): CsvResult {
  const parser = createResponsesCsvParser(options, text.length);
  parser.push(text);
  return parser.end();
}

/** Reads response CSV a chunk at a time (see {@link createResponsesCsvParser}). */
export interface ResponsesCsvParser {
  /** Reads the next chunk of text (any split: mid-line, mid-field, mid-quote). */
  push(chunk: string): void;
  /** Ends the input and returns what was read. */
  end(): CsvResult;
}

/**
 * {@link parseResponsesCsv} a chunk at a time, for files too large to hold as one string (a
 * stream, `readResponsesCsv` in `@pacekit/core/node`): only the table and the unfinished last
 * line are kept, never the text.
 *
 * @example
 * ```ts
 * const parser = createResponsesCsvParser();
 * for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) parser.push(chunk);
 * const { table } = parser.end();
 * ```
 */
export function createResponsesCsvParser(options: CsvOptions = {}, sizeHint = 0): ResponsesCsvParser {
  const opts = parseInput(CsvOptionsSchema, options, 'CSV options');
  let header: string[] | undefined;
  const cols = { learner: -1, skill: -1, correct: -1, item: -1, order: -1, learnerClass: -1 };
  const builder = new ResponseTableBuilder(Math.max(1024, Math.floor(sizeHint / 12)));
  const orderValues: (number | string)[] = [];
  let orderNumeric = true;
  let rows = 0;
  let emptySkill = 0;
  let skipped = 0;
  const issues: CsvIssue[] = [];

  const bad = (issue: CsvIssue): void => {
    if (opts.onBadRow === 'throw') {
      throw new PacekitError(
        'INVALID_CSV',
        `CSV line ${issue.line}, column "${issue.column}": ${issue.reason} (got ${describeValue(issue.value)})`,
        { ...issue },
      );
    }
    skipped++;
    if (issues.length < 20) issues.push(issue);
  };

  const onRecord = (fields: string[], line: number): void => {
    if (!header) {
      header = fields;
      for (const key of Object.keys(cols) as (keyof typeof cols)[]) {
        const mapped = opts.columns[key];
        cols[key] = findColumn(header, mapped, DEFAULT_COLUMN_NAMES[key]);
        if (mapped !== undefined && cols[key] === -1) {
          throw new PacekitError('INVALID_CSV', `CSV header has no column "${mapped}" (mapped as ${key})`, {
            line,
            column: mapped,
            header,
          });
        }
      }
      for (const key of ['learner', 'skill', 'correct'] as const) {
        if (cols[key] === -1) {
          throw new PacekitError(
            'INVALID_CSV',
            `CSV header has no ${key} column: map one with columns.${key} (looked for ${DEFAULT_COLUMN_NAMES[key].join(', ')})`,
            { line, header },
          );
        }
      }
      return;
    }
    rows++;
    const h = header;
    const cell = (index: number): string => (index === -1 ? '' : (fields[index] ?? ''));
    if (fields.length !== h.length) {
      bad({
        line,
        column: h[Math.min(fields.length, h.length - 1)]!,
        value: fields.join(opts.delimiter),
        reason: `expected ${h.length} fields, found ${fields.length}`,
      });
      return;
    }
    const learnerId = cell(cols.learner).trim();
    if (learnerId === '') {
      bad({ line, column: h[cols.learner]!, value: learnerId, reason: 'expected a learner id' });
      return;
    }
    const skillCell = cell(cols.skill).trim();
    if (skillCell === '') {
      emptySkill++;
      return;
    }
    const correct = parseCorrect(cell(cols.correct));
    if (correct === undefined) {
      bad({
        line,
        column: h[cols.correct]!,
        value: cell(cols.correct),
        reason: 'expected 0 or 1 (or true/false, or a score in [0, 1])',
      });
      return;
    }
    let order: number | string = 0;
    if (cols.order !== -1) {
      const raw = cell(cols.order).trim();
      if (raw === '') {
        bad({ line, column: h[cols.order]!, value: raw, reason: 'expected an order value' });
        return;
      }
      const numeric = Number(raw);
      if (Number.isFinite(numeric)) order = numeric;
      else {
        orderNumeric = false;
        order = raw;
      }
    }
    const itemCell = cell(cols.item).trim();
    const classCell = cell(cols.learnerClass).trim();
    const learner = builder.learners.intern(learnerId);
    const item = itemCell === '' ? -1 : builder.items.intern(itemCell);
    const learnerClass = classCell === '' ? -1 : builder.classes.intern(classCell);
    for (const skillId of skillCell.split(opts.skillSeparator)) {
      const trimmed = skillId.trim();
      if (trimmed === '') continue;
      builder.push(learner, builder.skills.intern(trimmed), item, learnerClass, correct);
      if (cols.order !== -1) orderValues.push(order);
    }
  };

  // The unfinished end of the text pushed so far, and the line it starts on.
  let rest = '';
  let line = 1;
  let first = true;
  const scan = (final: boolean): void => {
    let from = 0;
    if (first && rest.length > 0) {
      if (rest.charCodeAt(0) === 0xfeff) from = 1;
      first = false;
    }
    const stop = scanCsvRecords(rest, from, line, opts.delimiter, final, onRecord);
    rest = rest.slice(stop.next);
    line = stop.line;
  };
  return {
    push: (chunk) => {
      rest = rest.length === 0 ? chunk : rest + chunk;
      scan(false);
    },
    end: () => {
      scan(true);
      return finish();
    },
  };

  function finish(): CsvResult {
    let order: Int32Array | undefined;
    if (cols.order !== -1 && builder.length > 1) {
      const indices = Array.from({ length: builder.length }, (_, i) => i);
      const key = orderNumeric ? orderValues : orderValues.map(String);
      indices.sort((a, b) => {
        const x = key[a]!;
        const y = key[b]!;
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      order = Int32Array.from(indices);
    }
    const name = (index: number): string | undefined => (index === -1 || !header ? undefined : header[index]);
    return {
      table: builder.build(order),
      rows,
      emptySkill,
      skipped,
      issues,
      columns: {
        learner: name(cols.learner),
        skill: name(cols.skill),
        correct: name(cols.correct),
        item: name(cols.item),
        order: name(cols.order),
        learnerClass: name(cols.learnerClass),
      },
    };
  }
}
