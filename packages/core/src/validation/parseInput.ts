import type { z } from 'zod';
import { describeValue, PacekitError, type PacekitErrorCode } from '../errors';

/** One problem found while validating an input: where, what was expected, what was found. */
export interface InputIssue {
  /** Dotted path to the field, e.g. `items.3.skills`; empty for the input itself. */
  path: string;
  /** What was wrong, in zod's words. */
  message: string;
  /** The value found at that path (absent when the field was missing). */
  value?: unknown;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current == null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * Parses `input` with `schema` at a public boundary. On failure it throws a {@link PacekitError}
 * whose message names each bad field and the value found there, and whose `details.issues`
 * lists them as data.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  code: PacekitErrorCode = 'INVALID_INPUT',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const value = valueAt(input, issue.path);
    return value === undefined ? { path, message: issue.message } : { path, message: issue.message, value };
  });
  const described = issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path === '' ? what : `"${issue.path}"`;
      const found = 'value' in issue ? ` (got ${describeValue(issue.value)})` : '';
      return `${field}: ${issue.message}${found}`;
    })
    .join('; ');
  const more = issues.length > 3 ? ` and ${issues.length - 3} more` : '';
  throw new PacekitError(code, `Invalid ${what}: ${described}${more}`, { issues });
}
