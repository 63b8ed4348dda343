/**
 * Stable, machine-readable error codes. A code never changes meaning between versions, so an app
 * can branch on it (`if (error.code === 'CYCLE_IN_SKILL_GRAPH')`) instead of parsing messages.
 */
export type PacekitErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_EVENT'
  | 'INVALID_CSV'
  | 'UNKNOWN_PREREQUISITE'
  | 'CYCLE_IN_SKILL_GRAPH'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_SKILL'
  | 'UNKNOWN_ITEM'
  | 'UNSUPPORTED_SCHEMA_VERSION'
  | 'NOT_ENOUGH_DATA'
  | 'ABORTED'
  | 'VERSION_CONFLICT'
  | 'CORRUPT_STORAGE'
  | 'MISSING_PROVIDER'
  | 'MODEL_UNFIT_FOR_PACING';

/**
 * The one error class Pacekit throws. `code` is stable; `message` names the field, id or line
 * that is wrong and the value found there; `details` carries the same facts as data.
 *
 * @example
 * ```ts
 * try {
 *   createSkillGraph(skills);
 * } catch (error) {
 *   if (error instanceof PacekitError && error.code === 'CYCLE_IN_SKILL_GRAPH') {
 *     console.log(error.details?.cycle); // ['a', 'b', 'a']
 *   }
 * }
 * ```
 */
export class PacekitError extends Error {
  /** The stable code of this kind of failure. */
  readonly code: PacekitErrorCode;
  /** Structured facts about the failure (ids, line, column, value, validation issues). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: PacekitErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'PacekitError';
    this.code = code;
    this.details = details;
  }
}

/** Shortens a value for an error message: strings quoted, long values cut. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value == null) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = Object.prototype.toString.call(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
