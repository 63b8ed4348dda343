import { PacekitError } from '../errors';
import { compareEvents, type EventInput, type LearnerEvent, parseEvent } from '../events';
import type { LearnerModel, LearnerState } from '../state';
import type { LearnerStorage, LogChange, StoredLog } from './storage';

/** Options of {@link createLearnerStore}. */
export interface LearnerStoreOptions {
  /** The learner model that folds events (from `createLearnerModel`, or a pacer's `learner`). */
  learner: LearnerModel;
  /** Whose state the store holds. */
  learnerId: string;
  /** Where the log persists (default: nowhere; the store alone holds it). */
  storage?: LearnerStorage;
  /** Keep a snapshot every this many events, to re-fold late events from (default 64). */
  checkpointEvery?: number;
}

/** A derived value of the store: recomputed when the state changes, announced only when it changes. */
export interface Selection<T> {
  /** The current value (the same reference while it is equal). */
  get(): T;
  /** Calls `listener` when the selected value changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * One learner's state, kept up to date as evidence arrives, persisted, and shared with the UI:
 * the same in React, another framework, a worker or a server.
 */
export interface LearnerStore {
  /** The learner. */
  readonly learnerId: string;
  /** The learner model in use. */
  readonly learner: LearnerModel;
  /** Resolves once the stored log is loaded; rejects with `CORRUPT_STORAGE` if it cannot be read. */
  readonly ready: Promise<void>;
  /** The current state: immutable; a new object after every change. */
  getSnapshot(): LearnerState;
  /** Calls `listener` after every change of state (never for an event that changes nothing). */
  subscribe(listener: () => void): () => void;
  /**
   * Records an event: validates it (a bad one rejects with `INVALID_EVENT` and changes
   * nothing), applies it at once — in `at` order, re-folding from a checkpoint if it arrived
   * late — and resolves when it is persisted. Recording an id already recorded changes nothing.
   */
  record(event: EventInput): Promise<LearnerState>;
  /**
   * Records several events all or none: every one is validated and checked against the model
   * before any is applied, so one bad event (`INVALID_EVENT`, `UNKNOWN_ITEM`, …) rejects the
   * batch and changes nothing; the rest is as {@link LearnerStore.record}, with one save for the
   * batch. Ids already recorded are skipped.
   */
  recordAll(events: readonly EventInput[]): Promise<LearnerState>;
  /**
   * Undoes an event: the one with `eventId` (e.g. a teacher's mark-mastered from last week), or
   * else the last event recorded through this store. The state becomes what it would be had the
   * event never happened. Resolves false when there is no such event.
   */
  undo(eventId?: string): Promise<boolean>;
  /** The log, in the order events are applied. */
  events(): readonly LearnerEvent[];
  /** A memoised derived value (mastery of a skill, next activity, …). */
  select<T>(selector: (state: LearnerState) => T, isEqual?: (a: T, b: T) => boolean): Selection<T>;
  /** Stops listening to storage. */
  destroy(): void;
}

/**
 * Creates a learner store. It folds the log with `learner`, keeps a checkpoint every
 * `checkpointEvery` events, and persists through `storage` with optimistic versioning: when
 * another writer saved first, it merges the two logs by event id (undone ids stay undone) and
 * saves again, so no event is ever lost.
 *
 * @example
 * ```ts
 * const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada', storage: createMemoryStorage() });
 * await store.ready;
 * const mastery = store.select((s) => s.skills.fractions?.pMastery ?? 0);
 * mastery.subscribe(() => console.log(mastery.get()));
 * await store.record({ type: 'attempt', id: crypto.randomUUID(), learnerId: 'ada', at: Date.now(), itemId: 'q1', correct: true });
 * ```
 */
export function createLearnerStore(options: LearnerStoreOptions): LearnerStore {
  const { learner, learnerId } = options;
  const { storage } = options;
  const every = options.checkpointEvery ?? 64;
  if (!Number.isInteger(every) || every < 1) {
    throw new PacekitError(
      'INVALID_INPUT',
      `createLearnerStore: "checkpointEvery" must be a positive integer (got ${String(every)})`,
    );
  }

  const log: LearnerEvent[] = [];
  const ids = new Set<string>();
  const undone = new Set<string>();
  const recorded: string[] = [];
  // checkpoints[k] is the state after log[0 .. k·every).
  let checkpoints: LearnerState[] = [learner.initialState(learnerId)];
  let state = checkpoints[0]!;
  let version = 0;
  // Local changes not yet saved: one save carries all of them, so records queued behind it
  // find nothing left to do.
  let pending: LogChange = { add: [], undo: [] };
  let failure: unknown;
  const listeners = new Set<() => void>();

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  /** Re-folds from the last checkpoint at or before `position`. */
  const refoldFrom = (position: number): void => {
    const k = Math.min(Math.floor(position / every), checkpoints.length - 1);
    checkpoints = checkpoints.slice(0, k + 1);
    let s = checkpoints[k]!;
    // A checkpoint's state is shared, never changed: each stretch between checkpoints is folded
    // into a copy of its own.
    for (let from = k * every; from < log.length; from += every) {
      const to = Math.min(from + every, log.length);
      s = learner.applyAll(s, log.slice(from, to));
      if (to % every === 0) checkpoints.push(s);
    }
    state = s;
  };

  const positionOf = (event: LearnerEvent): number => {
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareEvents(log[mid]!, event) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  /** Adds events and tombstones to the log; returns whether the state changed. */
  const integrate = (events: readonly LearnerEvent[], tombstones: readonly string[]): boolean => {
    // A stored log keeps undone events beside their tombstones: those never join.
    const gone = new Set(tombstones);
    const fresh = events.filter((e) => !ids.has(e.id) && !undone.has(e.id) && !gone.has(e.id));
    const last = log[log.length - 1];
    if (
      tombstones.every((id) => undone.has(id)) &&
      fresh.length === 1 &&
      (!last || compareEvents(last, fresh[0]!) < 0)
    ) {
      // The common case, one event after all others: folding it onto the current state is also
      // its check (apply throws before anything changes), so it is folded once.
      const event = fresh[0]!;
      state = learner.apply(state, event);
      log.push(event);
      ids.add(event.id);
      if (log.length % every === 0) checkpoints.push(state);
      return true;
    }
    // Check every new event folds before anything changes: a bad reference leaves all as it was.
    learner.applyAll(learner.initialState(learnerId), fresh);
    let earliest = Number.POSITIVE_INFINITY;
    for (const id of tombstones) {
      if (undone.has(id)) continue;
      undone.add(id);
      if (ids.delete(id)) {
        const index = log.findIndex((e) => e.id === id);
        log.splice(index, 1);
        earliest = Math.min(earliest, index);
      }
    }
    for (const event of fresh) {
      if (ids.has(event.id)) continue;
      const position = positionOf(event);
      log.splice(position, 0, event);
      ids.add(event.id);
      earliest = Math.min(earliest, position);
    }
    if (earliest === Number.POSITIVE_INFINITY) return false;
    refoldFrom(earliest);
    return true;
  };

  // Storage work runs one step at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** What the store has not seen yet: the changes since its version where the adapter can tell. */
  const changes = async (): Promise<StoredLog> => {
    const since = await storage!.changesSince?.(learnerId, version);
    return since && (since.since === version || !since.since) ? since : storage!.load(learnerId);
  };

  const merge = (remote: StoredLog): void => {
    version = remote.version;
    if (integrate(remote.events, remote.undone)) notify();
  };

  const persist = async (): Promise<void> => {
    if (!storage) {
      pending = { add: [], undo: [] };
      return;
    }
    while (pending.add.length > 0 || pending.undo.length > 0) {
      const change = pending;
      pending = { add: [], undo: [] };
      const result = await storage.append(learnerId, change, version);
      if (result.ok) {
        version++;
        continue;
      }
      // Someone saved first: take what they saved, and save what is still ours on top of it.
      // An adapter may answer with only the changes since our version (`since`); anything else
      // it gives is the whole log.
      let current = result.current;
      if (current.since !== undefined && current.since !== 0 && current.since !== version)
        current = await changes();
      merge(current);
      const stored = new Set(current.events.map((e) => e.id));
      const storedUndone = new Set(current.undone);
      pending = {
        add: [...change.add.filter((e) => !stored.has(e.id) && ids.has(e.id)), ...pending.add],
        undo: [...change.undo.filter((id) => !storedUndone.has(id)), ...pending.undo],
      };
    }
  };

  const guard = (): void => {
    if (failure !== undefined) throw failure;
  };

  const ready = enqueue(async () => {
    if (!storage) return;
    try {
      merge(await storage.load(learnerId));
    } catch (error) {
      failure = error;
      throw error;
    }
  });
  ready.catch(() => undefined);
  const unsubscribeStorage = storage?.subscribe?.(learnerId, () => {
    enqueue(async () => {
      if (failure === undefined) merge(await changes());
    }).catch(() => undefined);
  });

  /** Parses events for this learner, naming the batch position of a bad one. */
  const parseOwn = (inputs: readonly EventInput[]): LearnerEvent[] =>
    inputs.map((input, index) => {
      let event: LearnerEvent;
      try {
        event = parseEvent(input);
      } catch (error) {
        if (inputs.length > 1 && error instanceof PacekitError)
          throw new PacekitError(error.code, `event ${index}: ${error.message}`, error.details);
        throw error;
      }
      if (event.learnerId !== learnerId) {
        throw new PacekitError(
          'INVALID_EVENT',
          `Event "${event.id}" is for learner "${event.learnerId}", not "${learnerId}"`,
          { eventId: event.id },
        );
      }
      return event;
    });

  async function recordAll(inputs: readonly EventInput[]): Promise<LearnerState> {
    guard();
    const events = parseOwn(inputs);
    const seen = new Set<string>();
    const fresh = events.filter(
      (e) => !ids.has(e.id) && !undone.has(e.id) && !seen.has(e.id) && seen.add(e.id),
    );
    // integrate checks every new event folds before it changes anything: all or none.
    if (integrate(events, [])) {
      for (const event of fresh) {
        recorded.push(event.id);
        pending.add.push(event);
      }
      notify();
    }
    await enqueue(async () => {
      guard();
      await persist();
    });
    return state;
  }

  return {
    learnerId,
    learner,
    ready,
    getSnapshot: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    record: (input) => recordAll([input]),
    recordAll,
    undo: async (eventId) => {
      guard();
      let id: string | undefined;
      if (eventId !== undefined) {
        if (!ids.has(eventId)) return false;
        id = eventId;
        const at = recorded.lastIndexOf(eventId);
        if (at >= 0) recorded.splice(at, 1);
      } else while ((id = recorded.pop()) !== undefined && !ids.has(id));
      if (id === undefined) return false;
      integrate([], [id]);
      pending.undo.push(id);
      notify();
      await enqueue(persist);
      return true;
    },
    events: () => log,
    select: (selector, isEqual = Object.is) => {
      let seen: LearnerState | undefined;
      let value: ReturnType<typeof selector>;
      const get = () => {
        if (seen !== state) {
          const next = selector(state);
          if (seen === undefined || !isEqual(value, next)) value = next;
          seen = state;
        }
        return value;
      };
      return {
        get,
        subscribe: (listener) => {
          get();
          let last = value;
          listeners.add(check);
          function check() {
            const now = get();
            if (now !== last) {
              last = now;
              listener();
            }
          }
          return () => listeners.delete(check);
        },
      };
    },
    destroy: () => {
      unsubscribeStorage?.();
      listeners.clear();
    },
  };
}
