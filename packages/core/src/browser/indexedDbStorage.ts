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

// One record per learner ({ version, undone }) and one per event, keyed [learnerId, eventId];
// since version 2 of the database, one per save ({ add: event ids }, keyed [learnerId, version])
// and the latest checkpoint per learner.
const META = 'learners';
const EVENTS = 'events';
const SAVES = 'saves';
const CHECKPOINTS = 'checkpoints';

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
      const req = factory.open(name, 2);
      req.onupgradeneeded = (event) => {
        const db = req.result;
        if (event.oldVersion < 1) {
          db.createObjectStore(META);
          db.createObjectStore(EVENTS);
        }
        if (event.oldVersion < 2) {
          db.createObjectStore(SAVES);
          db.createObjectStore(CHECKPOINTS);
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return opening;
  };
  const channel =
    typeof BroadcastChannel === 'function' ? unref(new BroadcastChannel(channelName)) : undefined;

  const where = `IndexedDB database "${name}"`;
  /**
   * What the saves after `since` added, as read (unchecked), or undefined when the saves'
   * records do not cover them (a log written before they were kept): then the caller reads the
   * whole log.
   */
  const readSince = async (learnerId: string, since: number, tx: IDBTransaction) => {
    const meta = (await request(tx.objectStore(META).get(learnerId))) as
      | { version?: number; undone?: string[] }
      | undefined;
    const version = meta?.version ?? 0;
    if (version <= since) return { version, events: [], undone: meta?.undone ?? [], since };
    const saves = (await request(
      tx
        .objectStore(SAVES)
        .getAll(keyRange.bound([learnerId, since + 1], [learnerId, Number.MAX_SAFE_INTEGER])),
    )) as { add: string[] }[];
    if (saves.length !== version - since) return undefined;
    const ids = saves.flatMap((save) => save.add);
    const events = await Promise.all(ids.map((id) => request(tx.objectStore(EVENTS).get([learnerId, id]))));
    return { version, events, undone: meta?.undone ?? [], since };
  };
  /** {@link readSince}, checked. */
  const changesSince = async (learnerId: string, since: number, tx: IDBTransaction) => {
    const raw = await readSince(learnerId, since, tx);
    return raw && parseStoredLog(learnerId, raw, where);
  };

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
    return parseStoredLog(learnerId, { ...(meta as object), events }, where);
  };

  const stores = [META, EVENTS, SAVES, CHECKPOINTS];
  return {
    load: async (learnerId) => {
      const tx = (await open()).transaction(stores, 'readonly');
      const checkpoint = await request(tx.objectStore(CHECKPOINTS).get(learnerId));
      if (checkpoint !== undefined) {
        const tail = await readSince(learnerId, (checkpoint as { version: number }).version, tx);
        // Checked once, events and checkpoint together.
        if (tail) return parseStoredLog(learnerId, { ...tail, checkpoint }, where);
      }
      return read(learnerId, tx);
    },
    changesSince: async (learnerId, version) => {
      const tx = (await open()).transaction(stores, 'readonly');
      return (version > 0 ? await changesSince(learnerId, version, tx) : undefined) ?? read(learnerId, tx);
    },
    append: async (learnerId, change, expectedVersion) => {
      const db = await open();
      const tx = db.transaction(stores, 'readwrite');
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
        // The loser reads what changed since its version (or the whole log, for saves made
        // before they were recorded).
        result = {
          ok: false,
          current: (await changesSince(learnerId, expectedVersion, tx)) ?? (await read(learnerId, tx)),
        };
      } else {
        const version = expectedVersion + 1;
        const undone = new Set(meta?.undone ?? []);
        for (const id of change.undo) undone.add(id);
        tx.objectStore(META).put({ version, undone: [...undone] }, learnerId);
        const added: string[] = [];
        for (const event of change.add) {
          // An id already stored keeps its first save (as in the other adapters).
          if ((await request(tx.objectStore(EVENTS).getKey([learnerId, event.id]))) !== undefined) continue;
          tx.objectStore(EVENTS).put(JSON.parse(JSON.stringify(event)), [learnerId, event.id]);
          added.push(event.id);
        }
        tx.objectStore(SAVES).put({ add: added }, [learnerId, version]);
        if (change.checkpoint?.version === version)
          tx.objectStore(CHECKPOINTS).put(JSON.parse(JSON.stringify(change.checkpoint)), learnerId);
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
