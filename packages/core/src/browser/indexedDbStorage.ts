import { PacekitError } from '../errors';
import { EMPTY_LOG, type LearnerStorage, parseStoredLog, type SaveResult, type StoredLog } from '../store';

/** Options of {@link createIndexedDbStorage}. */
export interface IndexedDbStorageOptions {
  /** The IndexedDB factory (default `globalThis.indexedDB`). */
  indexedDB?: IDBFactory;
  /** The matching `IDBKeyRange` (default `globalThis.IDBKeyRange`). */
  keyRange?: typeof IDBKeyRange;
  /** Database name (default `pacekit`). */
  database?: string;
  /** BroadcastChannel name that tells other tabs of a change (default `pacekit`). */
  channel?: string;
}

// One record per learner ({ version, undone }) and one per event, keyed [learnerId, eventId].
const META = 'learners';
const EVENTS = 'events';

/** In Node, a channel would keep the process alive; browsers have no `unref`. */
function unref(channel: BroadcastChannel): BroadcastChannel {
  (channel as { unref?: () => void }).unref?.();
  return channel;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Learner logs in IndexedDB: one record per event, so a save writes only what it adds, and a
 * real compare-and-set — the version check and the writes happen in one readwrite transaction,
 * which IndexedDB runs one at a time across tabs. Other tabs hear of a change through a
 * BroadcastChannel and reload.
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): LearnerStorage {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory)
    throw new PacekitError(
      'INVALID_INPUT',
      'createIndexedDbStorage: no IndexedDB here; pass options.indexedDB',
    );
  const keyRange = options.keyRange ?? globalThis.IDBKeyRange;
  const name = options.database ?? 'pacekit';
  const channelName = options.channel ?? 'pacekit';
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise((resolve, reject) => {
      const req = factory.open(name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(META);
        req.result.createObjectStore(EVENTS);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return opening;
  };
  const channel =
    typeof BroadcastChannel === 'function' ? unref(new BroadcastChannel(channelName)) : undefined;

  const read = async (learnerId: string, tx: IDBTransaction): Promise<StoredLog> => {
    const meta = await request(tx.objectStore(META).get(learnerId));
    if (meta === undefined) return { ...EMPTY_LOG, events: [], undone: [] };
    const events = await request(
      // Every [learnerId, eventId]: an array sorts above every string, so [learnerId, []] bounds
      // all event ids (a bound of '\uffff' missed ids that start with it).
      tx
        .objectStore(EVENTS)
        .getAll(keyRange.bound([learnerId, ''], [learnerId, []])),
    );
    return parseStoredLog(learnerId, { ...(meta as object), events }, `IndexedDB database "${name}"`);
  };

  return {
    load: async (learnerId) => read(learnerId, (await open()).transaction([META, EVENTS], 'readonly')),
    append: async (learnerId, change, expectedVersion) => {
      const db = await open();
      const tx = db.transaction([META, EVENTS], 'readwrite');
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      const meta = (await request(tx.objectStore(META).get(learnerId))) as
        | { version?: number; undone?: string[] }
        | undefined;
      let result: SaveResult = { ok: true };
      if ((meta?.version ?? 0) !== expectedVersion) {
        result = { ok: false, current: await read(learnerId, tx) };
      } else {
        const undone = new Set(meta?.undone ?? []);
        for (const id of change.undo) undone.add(id);
        tx.objectStore(META).put({ version: expectedVersion + 1, undone: [...undone] }, learnerId);
        for (const event of change.add)
          tx.objectStore(EVENTS).put(JSON.parse(JSON.stringify(event)), [learnerId, event.id]);
      }
      await done;
      if (result.ok) channel?.postMessage({ learnerId });
      return result;
    },
    subscribe: (learnerId, listener) => {
      if (typeof BroadcastChannel !== 'function') return () => undefined;
      // A channel of its own, so this tab hears the others (a channel never hears itself).
      const inbox = unref(new BroadcastChannel(channelName));
      inbox.onmessage = (event: MessageEvent) => {
        if ((event.data as { learnerId?: string })?.learnerId === learnerId) listener();
      };
      return () => inbox.close();
    },
  };
}
