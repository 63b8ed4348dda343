import type * as z from 'zod/mini';
import { describeValue, PacekitError, type PacekitErrorCode } from '../errors';
import { issueMessage } from './issueMessage';

/** One problem found while validating an input: where, what was expected, what was found. */
export interface InputIssue {
  /** Dotted path to the field, e.g. `items.3.skills`; empty for the input itself. */
  path: string;
  /** What was wrong, in plain words (e.g. `must be at most 1`). */
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
 * The path of the first own `__proto__` key anywhere in `input` (JSON.parse makes one from
 * `{"__proto__": …}`), or undefined. Zod skips such keys, so a record keyed by ids would lose the
 * entry silently; Pacekit refuses it instead. Iterative, so any depth of nesting is safe.
 */
function protoKeyPath(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const stack: [object, string][] = [[input, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) return `${path}__proto__`;
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, `${path}${key}.`]);
    }
  }
  return undefined;
}

/**
 * Parses `input` with `schema` at a public boundary. On failure it throws a {@link PacekitError}
 * whose message names each bad field and the value found there, and whose `details.issues`
 * lists them as data. A `__proto__` key anywhere in the input is refused (never silently
 * dropped).
 */
export function parseInput<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  what: string,
  code: PacekitErrorCode = 'INVALID_INPUT',
): z.output<S> {
  const proto = protoKeyPath(input);
  const result = proto === undefined ? schema.safeParse(input, { error: issueMessage }) : undefined;
  if (result?.success) return result.data;
  const issues: InputIssue[] = result
    ? result.error.issues.map((issue) => {
        const path = issue.path.map(String).join('.');
        const value = valueAt(input, issue.path);
        return value === undefined
          ? { path, message: issue.message }
          : { path, message: issue.message, value };
      })
    : [{ path: proto!, message: '"__proto__" cannot be a key or an id' }];
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
