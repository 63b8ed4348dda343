import type { CsvOptions } from '@pacekit/core/fit';

/** Thrown for a command line that cannot be run as written; exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The column flags shared by every command that reads a response CSV. */
export const columnFlags = {
  learner: { type: 'string' },
  skill: { type: 'string' },
  correct: { type: 'string' },
  item: { type: 'string' },
  order: { type: 'string' },
  class: { type: 'string' },
  'skip-bad-rows': { type: 'boolean' },
} as const;

/** The column flags in a command's `--help`. */
export const COLUMN_HELP = `  --learner, --skill, --correct, --item, --order, --class COLUMN
                       map a CSV column (default: detected from common names: user_id,
                       skill_name, correct, problem_id, order_id, …)
  --skip-bad-rows      leave out rows that cannot be read, and count them (default: stop at
                       the first, naming its line)`;

/** Each CSV column option of the library (`columns.learnerClass`) and the flag that sets it (`--class`). */
export const COLUMN_FLAGS = {
  learner: 'learner',
  skill: 'skill',
  correct: 'correct',
  item: 'item',
  order: 'order',
  learnerClass: 'class',
} as const satisfies Record<keyof NonNullable<CsvOptions['columns']>, keyof typeof columnFlags>;

/** CSV options from the column flags. */
export function csvOptions(values: {
  learner?: string | undefined;
  skill?: string | undefined;
  correct?: string | undefined;
  item?: string | undefined;
  order?: string | undefined;
  class?: string | undefined;
  'skip-bad-rows'?: boolean | undefined;
}): CsvOptions {
  const columns: NonNullable<CsvOptions['columns']> = {};
  for (const [key, flag] of Object.entries(COLUMN_FLAGS) as [keyof typeof COLUMN_FLAGS, string][]) {
    const name = values[flag as keyof typeof values];
    if (typeof name === 'string' && name !== '') columns[key] = name;
  }
  return { columns, onBadRow: values['skip-bad-rows'] ? 'skip' : 'throw' };
}

/** An integer flag, or a usage error naming the flag and the value. */
export function integerFlag(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}

/** A number flag, or a usage error naming the flag and the value. */
export function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got "${value}")`);
  return n;
}

/** A flag in (0, 1], or a usage error naming the flag and the value. */
export function probabilityFlag(name: string, value: string | undefined): number | undefined {
  const n = numberFlag(name, value);
  if (n !== undefined && !(n > 0 && n <= 1))
    throw new UsageError(`--${name} must be in (0, 1] (got "${value}")`);
  return n;
}
