import * as z from 'zod/mini';
import { nextTurn } from '../async';
import { PacekitError } from '../errors';
import { EventSchema, type LearnerEvent } from '../events';
import { type LearnerState, parseLearnerState } from '../state';
import { issueMessage } from '../validation';

/**
 * What a storage adapter keeps per learner: the event log (the source of truth — the state is
 * its fold), the ids of undone events, and a version for optimistic concurrency.
 */
export interface StoredLog {
  /** 0 when nothing is stored; increases by one with every successful save. */
  version: number;
  /** Every recorded event not undone, in any order (the fold orders them). */
  events: LearnerEvent[];
  /** Ids of undone events: tombstones, so that merging two writers never brings one back. */
  undone: string[];
  /**
   * When set, `events` and `undone` are only what the saves after version `since` added — what
   * an adapter may answer a compare-and-set loser whose `expectedVersion` was `since`, so that
   * it re-reads only what changed. Absent (or 0): the whole log.
   */
  since?: number;
  /**
   * The latest checkpoint, when the adapter keeps them: then `events` and `undone` are only what
   * the saves after `checkpoint.version` added (and `since` is that version).
   */
  checkpoint?: Checkpoint;
}

/** Where a checkpoint's fold ends: the last event it folded, in fold order (`at`, then `id`). */
export interface EventKey {
  at: number;
  id: string;
}

/**
 * A learner's folded state as of a version of their log, kept by storage beside the log so that
 * loading a learner costs the events after it, not the whole history.
 */
export interface Checkpoint {
  /** The log version it covers: every event saved at this version or before, none after. */
  version: number;
  /** The last event folded (null when none was). */
  through: EventKey | null;
  /** The `fingerprint` of the learner model that folded it; another model's is not used. */
  model: string;
  /** Ids of the events undone as of this version (tombstones stay tombstones). */
  undone: string[];
  /** The state. */
  state: LearnerState;
}

const EventKeySchema = z.object({ at: z.number(), id: z.string() });

/** Schema of a stored checkpoint (its state is checked when a store uses it). */
export const CheckpointSchema = z.object({
  version: z.int().check(z.gt(0)),
  through: z.nullable(EventKeySchema),
  model: z.string(),
  undone: z.array(z.string()),
  state: z.record(z.string(), z.unknown()),
});

/** The log of a learner with nothing stored. */
export const EMPTY_LOG: Readonly<StoredLog> = Object.freeze({ version: 0, events: [], undone: [] });

/** Schema of a stored log: what adapters check data they read against. */
export const StoredLogSchema = z.object({
  version: z.int().check(z.gte(0)),
  events: z.array(EventSchema),
  undone: z.array(z.string()),
  since: z.optional(z.int().check(z.gte(0))),
  checkpoint: z.optional(CheckpointSchema),
});

/** What one save adds to a learner's log: new events and new undos. */
export interface LogChange {
  /** Events to add (an id already stored is ignored). */
  add: LearnerEvent[];
  /** Ids of events to mark undone. */
  undo: string[];
  /**
   * The learner's state once this change is saved (at `expectedVersion + 1`): an adapter that
   * keeps checkpoints stores it with the save, in the same transaction; others ignore it.
   */
  checkpoint?: Checkpoint;
}

/**
 * The answer to a save: saved; or someone else saved first and nothing was saved (here is the
 * log as it is now — or, with `since` set to the save's `expectedVersion`, what changed since
 * then); or — from an adapter that merges on write — saved although others had saved first,
 * with `merged`: what the saves after `expectedVersion` added, this one included (`since` set).
 */
export type SaveResult = { ok: true; merged?: StoredLog } | { ok: false; current: StoredLog };

/**
 * Where learner logs live: memory, Web Storage, IndexedDB, a SQL database. A save appends a
 * {@link LogChange} and is compare-and-set on `version` (optimistic concurrency): a save whose
 * `expectedVersion` is not the stored one changes nothing and returns the current log, which
 * the store merges by event id before saving its change again. So two tabs or two servers
 * writing one learner never lose an event, and a save costs what it adds, not the whole log.
 *
 * Because a log is two sets that only grow (events by id, undone ids), an adapter may instead
 * merge on write: store the change whatever the version, and answer `{ ok: true, merged }` with
 * what the others saved — no writer ever has to try again (the SQL adapter does this). Only the
 * checkpoint is compare-and-set: it is stored when the save lands at `expectedVersion + 1`, and
 * otherwise given to `saveCheckpoint` once the store has folded what the others saved.
 */
export interface LearnerStorage {
  /** The learner's log ({@link EMPTY_LOG} if none is stored). Throws `CORRUPT_STORAGE` for data it cannot read. */
  load(learnerId: string): Promise<StoredLog>;
  /**
   * Appends `change` if the stored version is `expectedVersion` (0: nothing stored), or merges
   * it on write (see above); the version then goes up by one.
   */
  append(learnerId: string, change: LogChange, expectedVersion: number): Promise<SaveResult>;
  /**
   * What the saves after `version` added (a log with `since: version`), so a store that is
   * behind catches up at the cost of what changed. Optional: without it, stores reload the
   * whole log.
   */
  changesSince?(learnerId: string, version: number): Promise<StoredLog>;
  /**
   * Keeps `checkpoint` (of a version already saved) unless a later one is kept: how a store
   * that merged on write stores the checkpoint its save could not carry. Optional.
   */
  saveCheckpoint?(learnerId: string, checkpoint: Checkpoint): Promise<void>;
  /** Calls `listener` when another writer (another tab, say) changed the learner's log. Optional. */
  subscribe?(learnerId: string, listener: () => void): () => void;
}

/** The error for stored data that is not a Pacekit log, naming the learner and the first problem. @internal */
export function notALog(
  learnerId: string,
  where: string,
  issues: readonly { path: string; message: string }[],
) {
  const issue = issues[0]!;
  return new PacekitError(
    'CORRUPT_STORAGE',
    `Stored data for learner "${learnerId}" in ${where} is not a Pacekit log ("${issue.path}": ${issue.message}); it was left untouched`,
    { learnerId, issues },
  );
}

/** Issues as paths and messages. @internal */
export const pathOf = (issues: readonly z.core.$ZodIssue[]) =>
  issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));

/** The checks beyond shape: every event the learner's, a checkpoint that is their state. @internal */
export function checkOwner(learnerId: string, parsed: StoredLog, where: string): StoredLog {
  const { checkpoint, ...log } = parsed;
  const foreign = log.events.find((e) => e.learnerId !== learnerId);
  if (foreign)
    throw new PacekitError(
      'CORRUPT_STORAGE',
      `Stored data for learner "${learnerId}" in ${where} holds event "${foreign.id}" of learner "${foreign.learnerId}"; it was left untouched`,
      { learnerId, eventId: foreign.id },
    );
  if (!checkpoint) return log;
  let state: LearnerState;
  try {
    state = parseLearnerState(checkpoint.state);
  } catch (error) {
    throw new PacekitError(
      'CORRUPT_STORAGE',
      `Stored checkpoint for learner "${learnerId}" in ${where} is not a learner state (${error instanceof Error ? error.message : String(error)}); it was left untouched`,
      { learnerId },
    );
  }
  if (state.learnerId !== learnerId)
    throw new PacekitError(
      'CORRUPT_STORAGE',
      `Stored checkpoint for learner "${learnerId}" in ${where} is the state of learner "${state.learnerId}"; it was left untouched`,
      { learnerId },
    );
  return { ...log, checkpoint: { ...checkpoint, state } };
}

/** Parses what an adapter read; anything else is reported as corrupt, naming the learner and the problem. @internal */
export function parseStoredLog(learnerId: string, raw: unknown, where: string): StoredLog {
  const result = StoredLogSchema.safeParse(raw, { error: issueMessage });
  if (!result.success) throw notALog(learnerId, where, pathOf(result.error.issues));
  return checkOwner(learnerId, result.data as StoredLog, where);
}

/** Adds a change to a log in place (ids already present are skipped). @internal */
export function applyChange(log: StoredLog, change: LogChange): void {
  const known = new Set(log.events.map((e) => e.id));
  for (const event of change.add) if (!known.has(event.id)) log.events.push(event);
  const undone = new Set(log.undone);
  for (const id of change.undo) if (!undone.has(id)) log.undone.push(id);
  log.version++;
}

/** Events of a stored log copied in between turns of the event loop. */
const COPY_SLICE = 5_000;

/**
 * Storage in memory: for tests, for servers that keep logs elsewhere, and as the reference
 * behaviour of an adapter. Events are copied in and out, so callers never share them. A save
 * costs what it adds, and a compare-and-set loser gets only what changed since its version.
 */
export function createMemoryStorage(): LearnerStorage {
  interface Entry {
    version: number;
    /** Every event and undo with the version it was saved at, in save order: the log. */
    added: { version: number; event?: LearnerEvent; undo?: string }[];
    ids: Set<string>;
    undoneIds: Set<string>;
    checkpoint?: Checkpoint;
  }
  const logs = new Map<string, Entry>();
  const listeners = new Map<string, Set<() => void>>();
  // What the saves after `version` added, copied as a real store's read would be — taken at once
  // (so a save landing meanwhile is not half in it), copied in slices (so a long log never holds
  // up the event loop).
  const since = async (entry: Entry, version: number): Promise<StoredLog> => {
    let i = entry.added.length;
    while (i > 0 && entry.added[i - 1]!.version > version) i--;
    const tail = entry.added.slice(i);
    const at = entry.version;
    const events: LearnerEvent[] = [];
    const undone: string[] = [];
    for (let from = 0; from < tail.length; from += COPY_SLICE) {
      if (from > 0) await nextTurn();
      for (const a of structuredClone(tail.slice(from, from + COPY_SLICE))) {
        if (a.event) events.push(a.event);
        if (a.undo !== undefined) undone.push(a.undo);
      }
    }
    if (tail.length > COPY_SLICE) await nextTurn();
    return { version: at, events, undone, ...(version > 0 ? { since: version } : {}) };
  };
  return {
    load: async (learnerId) => {
      const entry = logs.get(learnerId);
      if (!entry) return { ...EMPTY_LOG, events: [], undone: [] };
      if (!entry.checkpoint) return since(entry, 0);
      const checkpoint = structuredClone(entry.checkpoint);
      return { ...(await since(entry, checkpoint.version)), checkpoint };
    },
    changesSince: async (learnerId, version) => {
      const entry = logs.get(learnerId);
      return entry ? since(entry, version) : { ...EMPTY_LOG, events: [], undone: [] };
    },
    append: async (learnerId, change, expectedVersion) => {
      let entry = logs.get(learnerId);
      if ((entry?.version ?? 0) !== expectedVersion)
        return { ok: false, current: await since(entry!, expectedVersion) };
      entry ??= { version: 0, added: [], ids: new Set(), undoneIds: new Set() };
      const version = expectedVersion + 1;
      for (const event of structuredClone(change.add)) {
        if (entry.ids.has(event.id)) continue;
        entry.ids.add(event.id);
        entry.added.push({ version, event });
      }
      for (const id of change.undo) {
        if (entry.undoneIds.has(id)) continue;
        entry.undoneIds.add(id);
        entry.added.push({ version, undo: id });
      }
      entry.version = version;
      if (change.checkpoint?.version === version) entry.checkpoint = structuredClone(change.checkpoint);
      logs.set(learnerId, entry);
      for (const listener of listeners.get(learnerId) ?? []) listener();
      return { ok: true };
    },
    subscribe: (learnerId, listener) => {
      let set = listeners.get(learnerId);
      if (!set) listeners.set(learnerId, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
