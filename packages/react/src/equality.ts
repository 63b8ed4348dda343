/** Equal when both serialise to the same JSON: for small derived values (recommendations, plans). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
