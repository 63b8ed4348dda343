import { nextTurn, SLICE_MS } from '../async';
import { PacekitError } from '../errors';
import { compareEvents, type EventInput, type LearnerEvent, parseEvent } from '../events';
import type { LearnerModel, LearnerState } from '../state';
import type { Checkpoint, EventKey, LearnerStorage, LogChange, StoredLog } from './storage';

/** Events of a whole log taken in between turns of the event loop (a few milliseconds' work). */
const INTEGRATE_SLICE = 5_000;

/** In-memory checkpoints per level: the last 32 stretches, then one in 32 of the 32 × 32 before, … */
const DENSE = 32;

/**
 * The most events a checkpoint for storage may re-fold per event recorded since the last one:
 * with late events (a checkpoint then needs a re-fold from the earliest of them), checkpoints
 * come further apart — at worst when the log has doubled — so a write costs a bounded fold
 * (two events on average) however long the log. (More than 1, so that they do come while
 * every event lands before all others.)
 */
const REFOLD_PER_EVENT = 2;

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

/** What {@link LearnerStore.commit} resolves with once the events are persisted. */
export interface CommitReceipt {
  /** The events in the learner's log now (the state's `eventCount` once folded). */
  eventCount: number;
  /** How many of the events committed joined the log (ids already recorded are skipped). */
  added: number;
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
   * Records events as {@link LearnerStore.recordAll} does — validated, checked against the
   * model, all or none, persisted — but resolves without folding the state: with how many
   * events the log holds and how many of these joined it. For a server that answers a write
   * with an acknowledgement: a burst of late events then costs one re-fold, when the state is
   * next read (or a checkpoint is due), instead of one per request.
   */
  commit(events: readonly EventInput[]): Promise<CommitReceipt>;
  /**
   * Undoes an event: the one with `eventId` (e.g. a teacher's mark-mastered from last week), or
   * else the last event recorded through this store. The state becomes what it would be had the
   * event never happened. Resolves false when there is no such event.
   */
  undo(eventId?: string): Promise<boolean>;
  /**
   * Catches up with storage: what other writers (other servers, other tabs) saved since this
   * store last read or wrote, at the cost of what changed. A store kept across requests calls it
   * before answering a read.
   */
  sync(): Promise<void>;
  /**
   * The state, as {@link LearnerStore.getSnapshot} gives it, folded in slices of about 20 ms with
   * the event loop free in between: after a late event in a long history, a server's other
   * learners (or a page's input) wait no longer than a slice. A server reads with it. Waits
   * for {@link LearnerStore.ready} first (and rejects as it does).
   */
  settled(): Promise<LearnerState>;
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

  // The events this store holds, in fold order: the whole log, or — when it started from a
  // storage checkpoint (`base`) — the events after it.
  const log: LearnerEvent[] = [];
  const ids = new Set<string>();
  const undone = new Set<string>();
  const recorded: string[] = [];
  let base: { through: EventKey | null } | undefined;
  // In-memory checkpoints, by log position (a multiple of `every`): the state after log[0 .. at)
  // folded onto the base (or a new learner). Dense near the end, sparser further back (see
  // `addCheckpoint`): a late event re-folds from the nearest one before it, at a cost that grows with how
  // late it is, and a million-event log keeps about a hundred states rather than 15,000.
  let checkpoints: { at: number; state: LearnerState }[] = [
    { at: 0, state: learner.initialState(learnerId) },
  ];
  // The fold of the log is computed when someone needs it (a read, a listener, a checkpoint):
  // events merged from other writers, late ones among them, cost one re-fold however many
  // arrive before the state is read. `state` is out of date while `stale` (the earliest position
  // that changed since it was folded) is finite.
  let state = checkpoints[0]!.state;
  let stale = Number.POSITIVE_INFINITY;
  let version = 0;
  // Events folded since a checkpoint was last offered to storage.
  let sinceOffered = 0;
  // Local changes not yet saved: one save carries all of them, so records queued behind it
  // find nothing left to do.
  let pending: LogChange = { add: [], undo: [] };
  let failure: unknown;
  const listeners = new Set<() => void>();

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  /**
   * Keeps `state` as the checkpoint at log position `at`, and thins the older ones: the last 32
   * stretches keep one each, the 32 × 32 before them one in 32, then one in 1,024, and so on.
   */
  const addCheckpoint = (at: number, checkpointState: LearnerState): void => {
    checkpoints.push({ at, state: checkpointState });
    // Thinned once every DENSE stretches; the one at 0 (the base) always stays.
    if ((at / every) % DENSE === 0)
      checkpoints = checkpoints.filter(({ at: q }) => {
        for (let spacing = every; q % spacing === 0; spacing *= DENSE)
          if (at - q <= spacing * DENSE) return true;
        return false;
      });
  };

  /**
   * Folds the log onward from the last checkpoint at or before the earliest change, a stretch of
   * `every` events at a time, until it is folded (true) or `deadline` (a `performance.now()`
   * time) has passed (false; the next call resumes from the checkpoints made so far).
   */
  const foldUntil = (deadline: number): boolean => {
    if (stale === Number.POSITIVE_INFINITY) return true;
    let k = checkpoints.length - 1;
    while (checkpoints[k]!.at > stale) k--;
    if (checkpoints.length > k + 1) checkpoints.length = k + 1;
    const start = checkpoints[k]!;
    let s = start.state;
    // A checkpoint's state is shared, never changed: each stretch between checkpoints is folded
    // into a copy of its own.
    let from = start.at;
    while (from < log.length) {
      if (from > start.at && performance.now() > deadline) {
        stale = from; // a multiple of `every`, with its checkpoint made: resume there
        return false;
      }
      const to = Math.min(from - (from % every) + every, log.length);
      s = learner.applyAll(s, log.slice(from, to));
      if (to % every === 0) addCheckpoint(to, s);
      from = to;
    }
    stale = Number.POSITIVE_INFINITY;
    state = s;
    return true;
  };

  /**
   * The fold of the whole log: re-folded now, from the last checkpoint at or before the earliest
   * change, if events joined or left the log since it was last folded.
   */
  const current = (): LearnerState => {
    foldUntil(Number.POSITIVE_INFINITY);
    return state;
  };

  /** Folds for up to a slice of about {@link SLICE_MS}; true when the fold is up to date. */
  const foldSlice = (): boolean => foldUntil(performance.now() + SLICE_MS);

  /**
   * The rest of a fold a slice did not finish, a slice per turn of the event loop: a long
   * re-fold (a late event in a long history, a whole log read again) never holds up other
   * learners on the same server or the page's input for longer than a slice. Callers write
   * `if (!foldSlice()) await foldRest()`, so a short fold awaits nothing and leaves the order of
   * concurrent saves as it was.
   */
  const foldRest = async (): Promise<void> => {
    do await nextTurn();
    while (!foldSlice());
  };

  /** Brings the fold up to date in slices. */
  const settle = async (): Promise<void> => {
    if (!foldSlice()) await foldRest();
  };

  /** Tells listeners, if any, when the state differs from `before`; without any, folds nothing. */
  const announce = (before: LearnerState): void => {
    if (listeners.size > 0 && current() !== before) notify();
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

  /**
   * Adds events and tombstones to the log; returns the events that joined it. Each new event is
   * checked to fold before anything changes, unless `checked` (the whole stored log, which is
   * folded at once instead).
   */
  const integrate = (
    events: readonly LearnerEvent[],
    tombstones: readonly string[],
    checked = false,
  ): LearnerEvent[] => {
    // A stored log keeps undone events beside their tombstones: those never join.
    const gone = new Set(tombstones);
    const fresh = events.filter((e) => !ids.has(e.id) && !undone.has(e.id) && !gone.has(e.id));
    const last = log[log.length - 1] ?? base?.through ?? undefined;
    if (
      stale === Number.POSITIVE_INFINITY &&
      tombstones.every((id) => undone.has(id)) &&
      fresh.length === 1 &&
      (!last || compareEvents(last as LearnerEvent, fresh[0]!) < 0)
    ) {
      // The common case, one event after all others: checked, then folded onto the current
      // state at once (apply, too, throws before anything changes).
      const event = fresh[0]!;
      learner.check(event, learnerId);
      state = learner.apply(state, event);
      log.push(event);
      ids.add(event.id);
      sinceOffered++;
      if (log.length % every === 0) addCheckpoint(log.length, state);
      return [event];
    }
    // Check every new event folds before anything changes: a bad reference leaves all as it was.
    if (!checked) for (const event of fresh) learner.check(event, learnerId);
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
    const joined: LearnerEvent[] = [];
    for (const event of fresh) {
      if (ids.has(event.id)) continue;
      // Most events come after all others (a stored log read in order): no search, no splice.
      const end = log[log.length - 1];
      const position = !end || compareEvents(end, event) < 0 ? log.length : positionOf(event);
      if (position === log.length) log.push(event);
      else log.splice(position, 0, event);
      ids.add(event.id);
      joined.push(event);
      sinceOffered++;
      earliest = Math.min(earliest, position);
    }
    stale = Math.min(stale, earliest);
    return joined;
  };

  // Storage work runs one step at a time, in order.
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** What the store has not seen yet: the changes since its version where the adapter can tell. */
  const changes = async (): Promise<StoredLog> =>
    (await storage!.changesSince?.(learnerId, version)) ?? storage!.load(learnerId);

  /**
   * Whether folding these needs events the store does not hold: it started from a storage
   * checkpoint, and an event is not after it (late, or a re-sent old one), or a tombstone names
   * an event it has not seen and is not given (one folded into the checkpoint, perhaps).
   */
  const needsWholeLog = (events: readonly LearnerEvent[], tombstones: readonly string[]): boolean => {
    if (!base) return false;
    const through = base.through as LearnerEvent | null;
    const known = (id: string) => ids.has(id) || undone.has(id);
    return (
      (through !== null && events.some((e) => !known(e.id) && compareEvents(e, through) <= 0)) ||
      tombstones.some((id) => !known(id) && !events.some((e) => e.id === id))
    );
  };

  /** Starts over from `checkpoint` (or a new learner) at `at` version, holding no events. */
  const restart = (checkpoint: Checkpoint | undefined, at: number): void => {
    base = checkpoint ? { through: checkpoint.through } : undefined;
    log.length = 0;
    ids.clear();
    undone.clear();
    for (const id of checkpoint?.undone ?? []) undone.add(id);
    checkpoints = [{ at: 0, state: checkpoint ? checkpoint.state : learner.initialState(learnerId) }];
    state = checkpoints[0]!.state;
    stale = Number.POSITIVE_INFINITY;
    sinceOffered = 0;
    version = at;
  };

  /** Reads the whole log (not a checkpoint) and starts over from it, keeping unsaved changes. */
  const adoptWholeLog = async (unsaved: readonly LogChange[]): Promise<void> => {
    // changesSince(…, 0) is the whole log; an adapter without it keeps no checkpoints.
    const whole = storage!.changesSince
      ? await storage!.changesSince(learnerId, 0)
      : await storage!.load(learnerId);
    restart(undefined, whole.version);
    // In slices, as the fold that checks it: a long log never holds up the event loop.
    for (let from = 0; from === 0 || from < whole.events.length; from += INTEGRATE_SLICE) {
      if (from > 0) await nextTurn();
      integrate(whole.events.slice(from, from + INTEGRATE_SLICE), from === 0 ? whole.undone : [], true);
    }
    await settle(); // the whole log's check, in slices
    for (const change of [...unsaved, pending]) integrate(change.add, change.undo);
  };

  /** Takes in what storage says changed; listeners hear of it when the state did change. */
  const merge = async (remote: StoredLog, unsaved: readonly LogChange[] = []): Promise<void> => {
    const before = state;
    if (needsWholeLog(remote.events, remote.undone)) await adoptWholeLog(unsaved);
    else {
      version = remote.version;
      integrate(remote.events, remote.undone);
    }
    if (listeners.size > 0 && !foldSlice()) await foldRest();
    announce(before);
  };

  /**
   * Whether a checkpoint is due: every `every` events, or later when it needs a long re-fold (no
   * more than {@link REFOLD_PER_EVENT} events re-folded per event since the last one).
   */
  const checkpointDue = (): boolean =>
    sinceOffered >= every &&
    (stale === Number.POSITIVE_INFINITY || log.length - stale <= REFOLD_PER_EVENT * sinceOffered);

  /** The state as a checkpoint for the save about to be made, when one is due. */
  const offer = (): Checkpoint | undefined => {
    if (!checkpointDue()) return undefined;
    sinceOffered = 0;
    const last = log[log.length - 1];
    return {
      version: version + 1,
      through: last ? { at: last.at, id: last.id } : (base?.through ?? null),
      model: learner.fingerprint,
      undone: [...undone],
      state: current(),
    };
  };

  const persist = async (): Promise<void> => {
    if (!storage) {
      pending = { add: [], undo: [] };
      return;
    }
    while (pending.add.length > 0 || pending.undo.length > 0) {
      // The state now is the stored log at `version` plus this change: what storage will hold
      // at version + 1, so it can be that version's checkpoint.
      if (checkpointDue() && !foldSlice()) await foldRest(); // the checkpoint's fold, in slices
      const checkpoint = offer();
      const change: LogChange = checkpoint ? { ...pending, checkpoint } : pending;
      pending = { add: [], undo: [] };
      const result = await storage.append(learnerId, change, version);
      if (result.ok && !result.merged) {
        version++;
        continue;
      }
      // Others saved first, so the checkpoint was not stored: offer it again.
      if (checkpoint) sinceOffered += every;
      if (result.ok) {
        // Saved on top of others' saves: take theirs in (ours are known and skipped); the state
        // is then the log's, and a due checkpoint can be kept.
        await merge(result.merged!);
        if (storage.saveCheckpoint && checkpointDue() && !foldSlice()) await foldRest();
        const due = storage.saveCheckpoint && offer();
        if (due) await storage.saveCheckpoint!(learnerId, { ...due, version });
        continue;
      }
      // Nothing saved: take what they saved, and save what is still ours on top of it. An
      // adapter may answer with only the changes since our version (`since`); anything else it
      // gives is the whole log.
      let remote = result.current;
      if (remote.since !== undefined && remote.since !== 0 && remote.since !== version)
        remote = await changes();
      await merge(remote, [change]);
      const stored = new Set(remote.events.map((e) => e.id));
      const storedUndone = new Set(remote.undone);
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
      const before = state;
      const stored = await storage.load(learnerId);
      const { checkpoint } = stored;
      // Start from the checkpoint, with the events saved after it and those recorded before the
      // log was read — unless it was folded by another model (other parameters, another course),
      // or one of them folds before it (a late event, an undo of a checkpointed one).
      restart(checkpoint, stored.version);
      const events = [...stored.events, ...pending.add];
      const tombstones = [...stored.undone, ...pending.undo];
      if ((checkpoint && checkpoint.model !== learner.fingerprint) || needsWholeLog(events, tombstones))
        await adoptWholeLog([]);
      else {
        integrate(stored.events, stored.undone);
        integrate(pending.add, pending.undo);
      }
      if (listeners.size > 0 && !foldSlice()) await foldRest();
      announce(before);
    } catch (error) {
      failure = error;
      throw error;
    }
  });
  ready.catch(() => undefined);
  /** A catch-up queued and not yet started, which further `sync()` calls join. */
  let syncing: Promise<void> | undefined;
  // Another writer saved: catch up once for however many saves were announced meanwhile.
  let catchingUp = false;
  const unsubscribeStorage = storage?.subscribe?.(learnerId, () => {
    if (catchingUp) return;
    catchingUp = true;
    enqueue(async () => {
      catchingUp = false;
      if (failure === undefined) await merge(await changes());
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

  /** Validates, integrates and persists events; resolves with how many joined the log. */
  async function take(inputs: readonly EventInput[]): Promise<number> {
    guard();
    const events = parseOwn(inputs);
    // An event before this store's checkpoint (late, or an old one sent again) needs the log.
    if (needsWholeLog(events, [])) await enqueue(() => adoptWholeLog([]));
    guard();
    // integrate checks every new event folds before it changes anything: all or none.
    const before = state;
    const joined = integrate(events, []);
    if (joined.length > 0) {
      for (const event of joined) {
        recorded.push(event.id);
        pending.add.push(event);
      }
      if (listeners.size > 0 && !foldSlice()) await foldRest();
      announce(before);
    }
    await enqueue(async () => {
      guard();
      await persist();
    });
    return joined.length;
  }

  async function recordAll(inputs: readonly EventInput[]): Promise<LearnerState> {
    await take(inputs);
    if (!foldSlice()) await foldRest();
    return current();
  }

  return {
    learnerId,
    learner,
    ready,
    getSnapshot: current,
    subscribe: (listener) => {
      current(); // listeners hear of changes from the state as it is now
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    record: (input) => recordAll([input]),
    recordAll,
    commit: async (inputs) => {
      const added = await take(inputs);
      // Every event of the log is folded onto the base once: the count needs no fold.
      return { eventCount: checkpoints[0]!.state.eventCount + log.length, added };
    },
    settled: async () => {
      await ready;
      await settle();
      return current();
    },
    // Calls made before a queued catch-up starts share it: its read begins after all of them.
    sync: () =>
      (syncing ??= enqueue(async () => {
        syncing = undefined;
        guard();
        if (storage) await merge(await changes());
      })),
    undo: async (eventId) => {
      guard();
      let id: string | undefined;
      if (eventId !== undefined) {
        // An event folded into this store's checkpoint is undone from the whole log.
        if (!ids.has(eventId) && base && !undone.has(eventId)) await enqueue(() => adoptWholeLog([]));
        if (!ids.has(eventId)) return false;
        id = eventId;
        const at = recorded.lastIndexOf(eventId);
        if (at >= 0) recorded.splice(at, 1);
      } else while ((id = recorded.pop()) !== undefined && !ids.has(id));
      if (id === undefined) return false;
      const before = state;
      integrate([], [id]);
      pending.undo.push(id);
      announce(before);
      await enqueue(persist);
      return true;
    },
    events: () => log,
    select: (selector, isEqual = Object.is) => {
      let seen: LearnerState | undefined;
      let value: ReturnType<typeof selector>;
      const get = () => {
        const state = current();
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
