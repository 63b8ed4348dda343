/**
 * A record's own entry for `key`, never something `Object.prototype` has (`constructor`,
 * `toString`, …): how Pacekit reads records keyed by ids, which are data.
 *
 * @example
 * ```ts
 * getOwn(state.skills, 'constructor'); // undefined until the learner practises a skill so named
 * ```
 */
export function getOwn<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets a record's own entry for `key`, even one named like `Object.prototype`'s. @internal */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}
