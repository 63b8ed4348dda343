import type * as z from 'zod/mini';

type Issue = z.core.$ZodRawIssue;

const UNITS: Record<string, string> = { string: 'character', array: 'item' };

const show = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : String(value));

function bound(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const unit = UNITS[issue.origin];
  if (unit === undefined) {
    const relation =
      issue.inclusive === false ? (small ? 'greater than' : 'less than') : small ? 'at least' : 'at most';
    return `must be ${relation} ${limit}`;
  }
  const count = `${limit} ${unit}${limit === 1 ? '' : 's'}`;
  return issue.exact ? `must have exactly ${count}` : `must have ${small ? 'at least' : 'at most'} ${count}`;
}

/**
 * Pacekit's words for zod's issues, passed to each parse at the boundary (never set globally, so
 * an app's own zod messages stay its own). zod/mini ships no locale; this covers every check
 * Pacekit's schemas use (no strict objects, sets, maps or multiples: a new one needs its words
 * here). Messages given in a schema take precedence.
 *
 * @internal
 */
export function issueMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'expected an integer' : `expected ${issue.expected}`;
    case 'too_small':
    case 'too_big':
      return bound(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${show(issue.values[0])}`
        : `must be one of ${issue.values.map(show).join(', ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options && options.length > 0
        ? `must be one of ${options.map(show).join(', ')}`
        : 'matches none of the allowed forms';
    }
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'expected an ISO 8601 date and time with an offset'
        : `expected ${issue.format}`;
    default:
      return 'is not valid';
  }
}
