import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { type EventInput, parseEvent } from '../events';
import { createSkillGraph } from '../graph';
import { createCatalog } from '../items';
import { createLearnerModel } from '../state';
import { createLearnerStore } from '../store';
import { createIndexedDbStorage } from './indexedDbStorage';
import { createWebStorage } from './webStorage';

const graph = createSkillGraph([{ id: 'a' }]);
const learner = createLearnerModel({
  bkt: { kind: 'bkt', schemaVersion: 1, skills: {} },
  graph,
  catalog: createCatalog([{ id: 'q', skills: ['a'] }], graph),
});
const attempt = (id: string, at: number): EventInput => ({
  id,
  learnerId: 'ada',
  at,
  type: 'attempt',
  itemId: 'q',
  correct: true,
});

/** A Web Storage area backed by a Map, as a browser's localStorage behaves. */
class MemoryArea implements Storage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

describe('Web Storage', () => {
  it('persists, reloads, and hears other tabs through storage events', async () => {
    const area = new MemoryArea();
    const events = new EventTarget();
    const tab1 = createLearnerStore({
      learner,
      learnerId: 'ada',
      storage: createWebStorage({ storage: area, events }),
    });
    const tab2 = createLearnerStore({
      learner,
      learnerId: 'ada',
      storage: createWebStorage({ storage: area, events }),
    });
    await Promise.all([tab1.ready, tab2.ready]);
    const changed = vi.fn();
    tab2.subscribe(changed);
    await tab1.record(attempt('e1', 1));
    // The browser fires "storage" in the other tab.
    const event = Object.assign(new Event('storage'), { key: 'pacekit:learner:ada' });
    events.dispatchEvent(event);
    await vi.waitFor(() => expect(tab2.getSnapshot().eventCount).toBe(1));
    expect(changed).toHaveBeenCalled();
  });

  it('reports corrupt data and does not overwrite it', async () => {
    const area = new MemoryArea();
    area.setItem('pacekit:learner:ada', '{not json');
    const store = createLearnerStore({
      learner,
      learnerId: 'ada',
      storage: createWebStorage({ storage: area }),
    });
    await expect(store.ready).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
    await expect(store.record(attempt('e1', 1))).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
    expect(area.getItem('pacekit:learner:ada')).toBe('{not json');
  });
});

describe('IndexedDB', () => {
  it('persists, merges two tabs writing at once, and tells the other tab', async () => {
    const indexedDB = new IDBFactory();
    const channel = `test-${Math.random()}`;
    const tab1 = createLearnerStore({
      learner,
      learnerId: 'ada',
      storage: createIndexedDbStorage({ indexedDB, keyRange: IDBKeyRange, channel }),
    });
    const tab2 = createLearnerStore({
      learner,
      learnerId: 'ada',
      storage: createIndexedDbStorage({ indexedDB, keyRange: IDBKeyRange, channel }),
    });
    await Promise.all([tab1.ready, tab2.ready]);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => tab1.record(attempt(`a${i}`, i * 2))),
      ...Array.from({ length: 10 }, (_, i) => tab2.record(attempt(`b${i}`, i * 2 + 1))),
    ]);
    const fresh = createLearnerStore({
      learner,
      learnerId: 'ada',
      storage: createIndexedDbStorage({ indexedDB, keyRange: IDBKeyRange, channel }),
    });
    await fresh.ready;
    expect(fresh.getSnapshot().eventCount).toBe(20);
    await vi.waitFor(() => {
      expect(tab1.getSnapshot().eventCount).toBe(20);
      expect(tab2.getSnapshot().eventCount).toBe(20);
    });
  });

  it('returns every event id on reload, those that sort above "\uffff" and other learners\' ids aside', async () => {
    const indexedDB = new IDBFactory();
    const storage = createIndexedDbStorage({ indexedDB, keyRange: IDBKeyRange, database: 'ids' });
    const ids = ['', '\uffff', '\uffff\uffff-late', '\u{10ffff}', 'z', 'constructor'].map(
      (s, i) => `${s}${i}`,
    );
    const events = ids.map((id, i) => parseEvent(attempt(id, i)));
    expect((await storage.append('ada', { add: events, undo: [] }, 0)).ok).toBe(true);
    expect(
      (
        await storage.append(
          'ada\uffff',
          { add: [parseEvent({ ...attempt('other', 0), learnerId: 'ada\uffff' })], undo: [] },
          0,
        )
      ).ok,
    ).toBe(true);
    const log = await storage.load('ada');
    expect(log.events.map((e) => e.id).sort()).toEqual([...ids].sort());
  });

  it('keeps checkpoints: a new store loads the latest and the events after it', async () => {
    const indexedDB = new IDBFactory();
    const storage = createIndexedDbStorage({
      indexedDB,
      keyRange: IDBKeyRange,
      database: 'cp',
      channel: 'cp',
    });
    const writer = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 4 });
    const events = Array.from({ length: 11 }, (_, i) => attempt(`e${i}`, i * 10));
    for (const e of events) await writer.record(e);
    const stored = await storage.load('ada');
    expect(stored.checkpoint).toMatchObject({ version: 8, through: { at: 70, id: 'e7' } });
    expect(stored.events.map((e) => e.id)).toEqual(['e8', 'e9', 'e10']);
    expect((await storage.changesSince!('ada', 0)).events).toHaveLength(11);
    const reader = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 4 });
    await reader.ready;
    expect(reader.getSnapshot()).toEqual(learner.replay('ada', events));
    // A late event from the reader: taken from the whole log, and the writer catches up.
    await reader.record(attempt('late', 25));
    expect(reader.getSnapshot()).toEqual(learner.replay('ada', [...events, attempt('late', 25)]));
    await writer.record(attempt('e11', 110));
    expect(writer.getSnapshot()).toEqual(
      learner.replay('ada', [...events, attempt('late', 25), attempt('e11', 110)]),
    );
  });

  it('opens a database written before checkpoints were kept, and reads its logs whole', async () => {
    const indexedDB = new IDBFactory();
    // The version-1 layout: learners and events only.
    const open = indexedDB.open('old', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('learners');
      open.result.createObjectStore('events');
    };
    const db = await new Promise<IDBDatabase>((resolve) => {
      open.onsuccess = () => resolve(open.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction(['learners', 'events'], 'readwrite');
      tx.objectStore('learners').put({ version: 2, undone: ['o1'] }, 'ada');
      for (const [i, id] of ['o0', 'o1', 'o2'].entries())
        tx.objectStore('events').put(parseEvent(attempt(id, i)), ['ada', id]);
      tx.oncomplete = () => resolve();
    });
    db.close();
    const storage = createIndexedDbStorage({
      indexedDB,
      keyRange: IDBKeyRange,
      database: 'old',
      channel: 'old',
    });
    const store = createLearnerStore({ learner, learnerId: 'ada', storage });
    await store.ready;
    expect(store.getSnapshot()).toEqual(learner.replay('ada', [attempt('o0', 0), attempt('o2', 2)]));
    // A writer still at version 1 of that log gets the whole log back, as saves then were not recorded.
    const lost = await storage.append('ada', { add: [parseEvent(attempt('o9', 9))], undo: [] }, 1);
    expect(lost.ok).toBe(false);
    expect(!lost.ok && lost.current.events.map((e) => e.id).sort()).toEqual(['o0', 'o1', 'o2']);
    await store.record(attempt('o3', 3));
    expect((await storage.changesSince!('ada', 2)).events.map((e) => e.id)).toEqual(['o3']);
  });

  it('reports a foreign record as corrupt and leaves it', async () => {
    const indexedDB = new IDBFactory();
    const storage = createIndexedDbStorage({ indexedDB, keyRange: IDBKeyRange, database: 'x' });
    await storage.load('warm-up');
    const open = indexedDB.open('x');
    const db = await new Promise<IDBDatabase>((resolve) => {
      open.onsuccess = () => resolve(open.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('learners', 'readwrite');
      tx.objectStore('learners').put({ hello: 'world' }, 'ada');
      tx.oncomplete = () => resolve();
    });
    await expect(storage.load('ada')).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
  });
});
