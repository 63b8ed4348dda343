import { PacekitError } from '../errors';
import { applyChange, EMPTY_LOG, type LearnerStorage, parseStoredLog, type StoredLog } from '../store';

/** Options of {@link createWebStorage}. */
export interface WebStorageOptions {
  /** The Web Storage area (default `globalThis.localStorage`). */
  storage?: Storage;
  /** Key prefix (default `pacekit:learner:`). */
  prefix?: string;
  /** Where `storage` events arrive from other tabs (default `globalThis` when it is a window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/**
 * Learner logs in Web Storage (`localStorage` by default): small, synchronous, everywhere.
 * Other tabs' changes arrive through `storage` events. Prefer IndexedDB for long logs (Web
 * Storage holds about 5 MB per origin).
 */
export function createWebStorage(options: WebStorageOptions = {}): LearnerStorage {
  const area = options.storage ?? globalThis.localStorage;
  if (!area)
    throw new PacekitError('INVALID_INPUT', 'createWebStorage: no Web Storage here; pass options.storage');
  const prefix = options.prefix ?? 'pacekit:learner:';
  const events =
    options.events ?? (typeof globalThis.addEventListener === 'function' ? globalThis : undefined);
  const read = (learnerId: string): StoredLog => {
    const text = area.getItem(prefix + learnerId);
    if (text === null) return { ...EMPTY_LOG, events: [], undone: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new PacekitError(
        'CORRUPT_STORAGE',
        `Stored data for learner "${learnerId}" in Web Storage is not JSON; it was left untouched`,
        { learnerId },
      );
    }
    return parseStoredLog(learnerId, raw, 'Web Storage');
  };
  return {
    load: async (learnerId) => read(learnerId),
    append: async (learnerId, change, expectedVersion) => {
      // Web Storage runs on the page's thread: nothing can come between this read and write.
      // It has no partial writes, so a save rewrites the learner's whole log.
      const current = read(learnerId);
      if (current.version !== expectedVersion) return { ok: false, current };
      applyChange(current, change);
      area.setItem(prefix + learnerId, JSON.stringify(current));
      return { ok: true };
    },
    subscribe: (learnerId, listener) => {
      if (!events) return () => undefined;
      const onStorage = (event: Event) => {
        const key = (event as StorageEvent).key;
        if (key === prefix + learnerId || key === null) listener();
      };
      events.addEventListener('storage', onStorage);
      return () => events.removeEventListener('storage', onStorage);
    },
  };
}
