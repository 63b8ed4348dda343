import { PacekitError } from '../errors';
import { EMPTY_LOG, type LearnerStorage, parseStoredLog, type SaveResult, type StoredLog } from '../store';

/** Options of {@link createIndexedDbStorage}. */
export interface IndexedDbStorageOptions {
  /** The IndexedDB factory (default `globalThis.indexedDB`). */
  indexedDB?: IDBFactory;
  /** Database name (default `pacekit`). */
  database?: string;
  /** BroadcastChannel name that tells other tabs of a change (default `pacekit`). */
  channel?: string;
}

const STORE = 'learner-logs';

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
 * Learner logs in IndexedDB: large logs, and a real compare-and-set — the version check and
 * the write happen in one readwrite transaction, which IndexedDB runs one at a time across tabs.
 * Other tabs hear of a change through a BroadcastChannel and reload.
 */
export function createIndexedDbStorage(options: IndexedDbStorageOptions = {}): LearnerStorage {
  const factory = options.indexedDB ?? globalThis.indexedDB;
  if (!factory)
    throw new PacekitError(
      'INVALID_INPUT',
      'createIndexedDbStorage: no IndexedDB here; pass options.indexedDB',
    );
  const name = options.database ?? 'pacekit';
  const channelName = options.channel ?? 'pacekit';
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise((resolve, reject) => {
      const req = factory.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    return opening;
  };
  const channel =
    typeof BroadcastChannel === 'function' ? unref(new BroadcastChannel(channelName)) : undefined;
  const parse = (learnerId: string, raw: unknown): StoredLog =>
    raw === undefined ? { ...EMPTY_LOG } : parseStoredLog(learnerId, raw, `IndexedDB database "${name}"`);

  return {
    load: async (learnerId) => {
      const db = await open();
      return parse(
        learnerId,
        await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(learnerId)),
      );
    },
    save: async (learnerId, log, expectedVersion) => {
      const db = await open();
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
      let result: SaveResult = { ok: true };
      const current = parse(learnerId, await request(store.get(learnerId)));
      if (current.version !== expectedVersion) result = { ok: false, current };
      else store.put(JSON.parse(JSON.stringify(log)), learnerId);
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
