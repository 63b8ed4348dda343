// The only host globals that @pacekit/core and @pacekit/pacing may use outside their `./node`
// subpaths. `tsconfig.neutral.json` type-checks them against ES2022 alone plus this file, so a
// stray `document`, `window`, `process` or `Buffer` fails the typecheck: the packages must run
// unchanged in browsers, workers, Node and edge runtimes. Every runtime Pacekit targets has these.
interface AbortSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
}
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare const performance: { now(): number };
declare function structuredClone<T>(value: T): T;
declare const console: { warn(...data: unknown[]): void };
