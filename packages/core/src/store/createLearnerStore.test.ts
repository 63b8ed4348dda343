import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type EventInput, parseEvent } from '../events';
import { createSkillGraph } from '../graph';
import { createCatalog } from '../items';
import { createLearnerModel, type LearnerModelPlugin } from '../state';
import { createLearnerStore } from './createLearnerStore';
import { createMemoryStorage, type LearnerStorage } from './storage';

const graph = createSkillGraph([{ id: 'a' }, { id: 'b', prerequisites: ['a'] }]);
const catalog = createCatalog(
  [
    { id: 'qa', skills: ['a'] },
    { id: 'qb', skills: ['b'] },
  ],
  graph,
);
/** A learner model of this course with the given default BKT parameters (and plugins). */
const modelWith = (
  defaultParams: { pInit: number; pLearn: number; pGuess: number; pSlip: number },
  plugins: LearnerModelPlugin[] = [],
) =>
  createLearnerModel({
    bkt: { kind: 'bkt', schemaVersion: 1, skills: {}, defaultParams },
    graph,
    catalog,
    plugins,
  });
const learner = modelWith({ pInit: 0.3, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 });
const attempt = (id: string, at: number, itemId = 'qa', correct = true): EventInput => ({
  id,
  learnerId: 'ada',
  at,
  type: 'attempt',
  itemId,
  correct,
});

/** The course's model, counting the events it folds (`apply`, `applyAll`) and checks (`check`). */
function countingFolds() {
  let folded = 0;
  let checked = 0;
  const model: typeof learner = {
    ...learner,
    apply: (state, event) => {
      folded++;
      return learner.apply(state, event);
    },
    applyAll: (state, events) => {
      folded += events.length;
      return learner.applyAll(state, events);
    },
    check: (event, learnerId) => {
      checked++;
      learner.check(event, learnerId);
    },
  };
  return {
    model,
    folded: () => folded,
    checked: () => checked,
    reset: () => {
      folded = 0;
      checked = 0;
    },
  };
}

describe('createLearnerStore', () => {
  it('equals replay whether events arrive in order, out of order or twice (checkpoints every 4)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 40 }), b: fc.boolean(), ok: fc.boolean() }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer(),
        async (rows, seed) => {
          const events = rows.map((r, i) => attempt(`e${i}`, r.at, r.b ? 'qb' : 'qa', r.ok));
          const store = createLearnerStore({ learner, learnerId: 'ada', checkpointEvery: 4 });
          const arrival = [...events, ...events.slice(0, 3)].sort(
            (x, y) => ((x.id.charCodeAt(1) * 7 + seed) % 5) - ((y.id.charCodeAt(1) * 3 + seed) % 4),
          );
          for (const event of arrival) await store.record(event);
          expect(store.getSnapshot()).toEqual(learner.replay('ada', events));
          expect(
            store
              .events()
              .map((e) => e.id)
              .sort(),
          ).toEqual(events.map((e) => e.id).sort());
        },
      ),
      { seed: 5, numRuns: 60 },
    );
  });

  it('folds late events merged from another writer once, when the state is read', async () => {
    const counting = countingFolds();
    const storage = createMemoryStorage();
    const reader = createLearnerStore({
      learner: counting.model,
      learnerId: 'ada',
      storage,
      checkpointEvery: 8,
    });
    const writer = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 8 });
    await Promise.all([reader.ready, writer.ready]);
    // Each event earlier than all before it: every merge lands at the front of the log.
    const events = Array.from({ length: 40 }, (_, i) =>
      attempt(`e${i}`, 1000 - i, i % 3 ? 'qa' : 'qb', i % 2 === 0),
    );
    for (const event of events) {
      await writer.record(event);
      await reader.sync();
    }
    // Each merge is checked; the first is also folded at once (the log's only event), the
    // others (no fold) only mark the fold stale: none re-folds the log (eagerly that is
    // 1 + 2 + … + 40).
    expect(counting.checked()).toBe(40);
    expect(counting.folded()).toBe(1);
    expect(reader.getSnapshot()).toEqual(learner.replay('ada', events));
    expect(counting.folded()).toBe(41);
    // Read again with nothing new: no fold.
    reader.getSnapshot();
    expect(counting.folded()).toBe(41);
  });

  it('commits late events without folding them: one fold when read, and the count without it', async () => {
    const counting = countingFolds();
    const storage = createMemoryStorage();
    // From a stored checkpoint (every 8): the count is the checkpoint's plus the events after it.
    await createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 8 }).recordAll(
      Array.from({ length: 20 }, (_, i) => attempt(`old${i}`, 5000 + i)),
    );
    const store = createLearnerStore({
      learner: counting.model,
      learnerId: 'ada',
      storage,
      checkpointEvery: 1000,
    });
    await store.ready;
    counting.reset();
    // Each event earlier than all before it: each lands at the front of the log.
    const events = Array.from({ length: 30 }, (_, i) =>
      attempt(`e${i}`, 6000 - i, i % 3 ? 'qa' : 'qb', i % 2 === 0),
    );
    let receipt = { eventCount: 0, added: 0 };
    for (const event of events.slice(0, 29)) receipt = await store.commit([event]);
    expect(receipt).toEqual({ eventCount: 49, added: 1 });
    // A batch with an id already recorded: only the new one joins.
    expect(await store.commit([events[0]!, events[29]!])).toEqual({ eventCount: 50, added: 1 });
    // Each was checked; the first (after all others) was also folded at once; none re-folded
    // the log.
    expect(counting.folded()).toBe(1);
    expect(counting.checked()).toBe(30);
    const all = [...Array.from({ length: 20 }, (_, i) => attempt(`old${i}`, 5000 + i)), ...events];
    const state = await store.settled();
    expect(state).toEqual(learner.replay('ada', all));
    expect(state.eventCount).toBe(50);
    // A bad event rejects the commit and changes nothing.
    await expect(store.commit([attempt('bad', 7000, 'nope')])).rejects.toThrow('nope');
    expect((await store.commit([])).eventCount).toBe(50);
  });

  it('spaces checkpoints out after late events: a write re-folds at most 2 events per event', async () => {
    const counting = countingFolds();
    const storage = createMemoryStorage();
    const store = createLearnerStore({
      learner: counting.model,
      learnerId: 'ada',
      storage,
      checkpointEvery: 8,
    });
    const log = Array.from({ length: 64 }, (_, i) => attempt(`e${i}`, 10_000 + i));
    await store.recordAll(log);
    counting.reset();
    // 100 events each earlier than all others: a checkpoint every 8 would re-fold the whole log
    // 12 times (~1,400 events). Each is checked, not folded, when it comes; a checkpoint waits
    // until the events since the last are half its re-fold: after 64, re-folding 128 (each late
    // event is the log's first) — then not again before the log has doubled, past these 100.
    const late = Array.from({ length: 100 }, (_, i) => attempt(`late${i}`, 5_000 - i, 'qb', i % 3 === 0));
    for (const event of late) await store.commit([event]);
    expect(counting.checked()).toBe(100);
    expect(counting.folded()).toBe(128);
    expect((await storage.load('ada')).checkpoint?.through).toEqual({ at: 10_063, id: 'e63' });
    const all = [...log, ...late];
    expect(await store.settled()).toEqual(learner.replay('ada', all));
    const again = createLearnerStore({ learner, learnerId: 'ada', storage });
    expect(await again.settled()).toEqual(learner.replay('ada', all));
  });

  it('equals replay when late events land at any depth of a long log (thinned checkpoints, property)', async () => {
    // Checkpoints every event: past 32 of them the older ones thin to one in 32, past 1,024 to
    // one in 1,024 — a late event at any depth must re-fold from a checkpoint really before it.
    const log = Array.from({ length: 1500 }, (_, i) =>
      attempt(`e${i}`, 10 * (i + 1), i % 3 ? 'qa' : 'qb', i % 4 !== 0),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: 15_010 }), ok: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        async (lates) => {
          const store = createLearnerStore({ learner, learnerId: 'ada', checkpointEvery: 1 });
          await store.recordAll(log);
          const late = lates.map((r, i) => attempt(`late${i}`, r.at, 'qb', r.ok));
          for (const event of late) {
            await store.record(event);
            store.getSnapshot(); // fold now, so the next late event starts from thinned checkpoints
          }
          expect(store.getSnapshot()).toEqual(learner.replay('ada', [...log, ...late]));
        },
      ),
      { seed: 11, numRuns: 25 },
    );
  });

  it('re-folds a long log in slices: other work runs before a late event is folded in', async () => {
    // A model that takes 1 ms per event: a 300-event re-fold is 300 ms of work.
    const slow = {
      ...learner,
      applyAll: (s: Parameters<typeof learner.applyAll>[0], es: Parameters<typeof learner.applyAll>[1]) => {
        const until = performance.now() + es.length;
        while (performance.now() < until);
        return learner.applyAll(s, es);
      },
    };
    const storage = createMemoryStorage();
    const events = Array.from({ length: 300 }, (_, i) => attempt(`e${i}`, 1000 + i, i % 2 ? 'qa' : 'qb'));
    await createLearnerStore({ learner, learnerId: 'ada', storage }).recordAll(events);
    const store = createLearnerStore({ learner: slow, learnerId: 'ada', storage, checkpointEvery: 8 });
    await store.ready;
    // A late event lands before every other one: the whole log is read and folded again.
    const late = attempt('late', 1, 'qb', false);
    const turns: boolean[] = [];
    let folded = false;
    const ticker = setInterval(() => turns.push(folded), 0);
    const state = await store.record(late).then(() => store.settled());
    folded = true;
    clearInterval(ticker);
    // The timer had turns while the fold was under way: the event loop was never held for it all.
    expect(turns.filter((done) => !done).length).toBeGreaterThanOrEqual(3);
    expect(state).toEqual(learner.replay('ada', [late, ...events]));
    expect(store.getSnapshot()).toBe(state);
  });

  it('calls listeners only when the state really changed', async () => {
    const store = createLearnerStore({ learner, learnerId: 'ada' });
    const listener = vi.fn();
    store.subscribe(listener);
    await store.record(attempt('e1', 1));
    const snapshot = store.getSnapshot();
    await store.record(attempt('e1', 1));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toBe(snapshot);
  });

  it('rejects a bad event without changing anything', async () => {
    const store = createLearnerStore({ learner, learnerId: 'ada' });
    await store.record(attempt('e1', 1));
    const before = store.getSnapshot();
    await expect(store.record({ ...attempt('e2', 2), correct: 'yes' } as never)).rejects.toMatchObject({
      code: 'INVALID_EVENT',
    });
    await expect(store.record(attempt('e3', 3, 'ghost'))).rejects.toMatchObject({ code: 'UNKNOWN_ITEM' });
    await expect(store.record({ ...attempt('e4', 4), learnerId: 'bob' })).rejects.toThrow(/not "ada"/);
    expect(store.getSnapshot()).toBe(before);
    expect(store.events()).toHaveLength(1);
  });

  it("refuses an event a plugin's check refuses, in order or late, and stores nothing of it", async () => {
    const picky = modelWith({ pInit: 0.3, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 }, [
      {
        key: 'picky',
        initial: () => 0,
        apply: (n) => (n as number) + 1,
        check: (event) => {
          if (event.type === 'attempt' && event.itemId === 'qb') throw new Error('picky: no qb');
        },
      },
    ]);
    const storage = createMemoryStorage();
    const store = createLearnerStore({ learner: picky, learnerId: 'ada', storage });
    await store.record(attempt('e1', 10));
    // After every other event (folded at once), and late in a batch (checked before anything).
    await expect(store.record(attempt('e2', 20, 'qb'))).rejects.toThrow('picky: no qb');
    await expect(store.recordAll([attempt('e3', 5), attempt('e4', 6, 'qb')])).rejects.toThrow('picky: no qb');
    expect(store.events().map((e) => e.id)).toEqual(['e1']);
    expect((await storage.load('ada')).events.map((e) => e.id)).toEqual(['e1']);
  });

  it('records a batch all or none: one bad event stores and applies nothing of it', async () => {
    const storage = createMemoryStorage();
    const store = createLearnerStore({ learner, learnerId: 'ada', storage });
    await store.ready;
    await store.record(attempt('e1', 1));
    const before = store.getSnapshot();
    const batch = [attempt('e2', 2), attempt('e3', 3, 'qb'), attempt('e4', 4, 'ghost'), attempt('e5', 5)];
    await expect(store.recordAll(batch)).rejects.toMatchObject({ code: 'UNKNOWN_ITEM' });
    await expect(
      store.recordAll([attempt('e2', 2), { ...attempt('e3', 3), correct: 'yes' } as never]),
    ).rejects.toThrow(/^event 1: Invalid event: "correct"/);
    expect(store.getSnapshot()).toBe(before);
    expect((await storage.load('ada')).events.map((e) => e.id)).toEqual(['e1']);
    // A good batch: applied as one, saved in one append, duplicates (in it and before it) once.
    const appends = vi.spyOn(storage, 'append');
    const after = await store.recordAll([
      attempt('e3', 3, 'qb'),
      attempt('e2', 2),
      attempt('e2', 2),
      attempt('e1', 1),
    ]);
    expect(appends).toHaveBeenCalledTimes(1);
    expect(after.eventCount).toBe(3);
    expect(after).toEqual(
      learner.replay('ada', [attempt('e1', 1), attempt('e2', 2), attempt('e3', 3, 'qb')]),
    );
    expect((await storage.load('ada')).events.map((e) => e.id).sort()).toEqual(['e1', 'e2', 'e3']);
  });

  it('answers a compare-and-set loser, and a store that is behind, with only what changed (memory storage)', async () => {
    const storage = createMemoryStorage();
    const parsed = (id: string, at: number) => parseEvent(attempt(id, at));
    expect(await storage.append('ada', { add: [parsed('e1', 1), parsed('e2', 2)], undo: [] }, 0)).toEqual({
      ok: true,
    });
    expect(await storage.append('ada', { add: [parsed('e3', 3)], undo: ['e1'] }, 1)).toEqual({ ok: true });
    // A writer still at version 1 loses, and gets the save of version 2 only.
    const lost = await storage.append('ada', { add: [parsed('e9', 9)], undo: [] }, 1);
    expect(lost).toEqual({
      ok: false,
      current: { version: 2, events: [parsed('e3', 3)], undone: ['e1'], since: 1 },
    });
    expect(await storage.changesSince!('ada', 2)).toEqual({ version: 2, events: [], undone: [], since: 2 });
    expect((await storage.load('ada')).events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    // The store behind catches up from it and saves on top: e9 lands, e1 stays undone.
    const store = createLearnerStore({ learner, learnerId: 'ada', storage });
    await store.ready;
    await store.record(attempt('e9', 9));
    expect(store.events().map((e) => e.id)).toEqual(['e2', 'e3', 'e9']);
  });

  it('shares one catch-up among sync() calls made before it starts, and sees saves made before each call', async () => {
    const memory = createMemoryStorage();
    let reads = 0;
    // Without `subscribe`: a server's store learns of other writers only by asking.
    const storage: LearnerStorage = {
      load: memory.load,
      append: memory.append,
      changesSince: (learnerId, version) => {
        reads++;
        return memory.changesSince!(learnerId, version);
      },
    };
    const reader = createLearnerStore({ learner, learnerId: 'ada', storage });
    const writer = createLearnerStore({ learner, learnerId: 'ada', storage: memory });
    await Promise.all([reader.ready, writer.ready]);
    await writer.record(attempt('e1', 1));
    // Five requests at once: one read, after which all five see e1.
    await Promise.all(Array.from({ length: 5 }, () => reader.sync()));
    expect(reads).toBe(1);
    expect(reader.events().map((e) => e.id)).toEqual(['e1']);
    // A sync called after that read began is a new one: it sees e2.
    await writer.record(attempt('e2', 2));
    await reader.sync();
    expect(reads).toBe(2);
    expect(reader.getSnapshot()).toEqual(learner.replay('ada', [attempt('e1', 1), attempt('e2', 2)]));
  });

  it('undoes the last recorded event, restoring the previous snapshot exactly', async () => {
    const store = createLearnerStore({ learner, learnerId: 'ada', checkpointEvery: 2 });
    for (let i = 0; i < 5; i++) await store.record(attempt(`e${i}`, i * 10));
    const before = structuredClone(store.getSnapshot());
    await store.record(attempt('late', 15, 'qb', false));
    expect(store.getSnapshot()).not.toEqual(before);
    expect(await store.undo()).toBe(true);
    expect(store.getSnapshot()).toEqual(before);
    expect(await store.undo()).toBe(true);
    expect(store.getSnapshot()).toEqual(
      learner.replay(
        'ada',
        [0, 1, 2, 3].map((i) => attempt(`e${i}`, i * 10)),
      ),
    );
  });

  it('memoises selectors and announces only changes of the selected value', async () => {
    const store = createLearnerStore({ learner, learnerId: 'ada' });
    const a = store.select((s) => s.skills.a?.pMastery ?? 0);
    const bSkill = store.select((s) => s.skills.b);
    const onA = vi.fn();
    const onB = vi.fn();
    a.subscribe(onA);
    bSkill.subscribe(onB);
    await store.record(attempt('e1', 1, 'qa'));
    await store.record(attempt('e2', 2, 'qa'));
    expect(onA).toHaveBeenCalledTimes(2);
    expect(onB).not.toHaveBeenCalled();
    const first = bSkill.get();
    await store.record(attempt('e3', 3, 'qb'));
    expect(onB).toHaveBeenCalledTimes(1);
    expect(bSkill.get()).not.toBe(first);
    expect(bSkill.get()).toBe(bSkill.get());
  });

  it('persists, and a second store on the same storage loads the same state', async () => {
    const storage = createMemoryStorage();
    const one = createLearnerStore({ learner, learnerId: 'ada', storage });
    await one.ready;
    await one.record(attempt('e1', 1));
    await one.record(attempt('e2', 2, 'qb'));
    const two = createLearnerStore({ learner, learnerId: 'ada', storage });
    await two.ready;
    expect(two.getSnapshot()).toEqual(one.getSnapshot());
    expect((await storage.load('ada')).version).toBe(2);
  });

  it('merges concurrent writers by event id: 20 writers × 50 events lose nothing', async () => {
    const storage = createMemoryStorage();
    const writers = Array.from({ length: 20 }, () =>
      createLearnerStore({ learner, learnerId: 'ada', storage }),
    );
    await Promise.all(writers.map((w) => w.ready));
    await Promise.all(
      writers.map((w, k) =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            w.record(attempt(`w${k}-${i}`, i * 20 + k, i % 2 ? 'qa' : 'qb')),
          ),
        ),
      ),
    );
    const whole = await storage.changesSince!('ada', 0);
    expect(whole.events).toHaveLength(1000);
    // A new store starts from the latest checkpoint and the events after it: the same state.
    const stored = await storage.load('ada');
    expect(stored.checkpoint).toBeDefined();
    expect(stored.events.length).toBeLessThan(1000);
    const fresh = createLearnerStore({ learner, learnerId: 'ada', storage });
    await fresh.ready;
    expect(fresh.getSnapshot()).toEqual(learner.replay('ada', whole.events));
    expect(fresh.getSnapshot().eventCount).toBe(1000);
  });

  it('keeps an undo undone when another writer merges', async () => {
    const storage = createMemoryStorage();
    const one = createLearnerStore({ learner, learnerId: 'ada', storage });
    const two = createLearnerStore({ learner, learnerId: 'ada', storage });
    await one.record(attempt('e1', 1));
    await two.ready;
    await one.undo();
    await two.record(attempt('e2', 2));
    const fresh = createLearnerStore({ learner, learnerId: 'ada', storage });
    await fresh.ready;
    expect(fresh.events().map((e) => e.id)).toEqual(['e2']);
  });

  it('reports corrupt storage and never overwrites it', async () => {
    const saves: unknown[] = [];
    const corrupt: LearnerStorage = {
      load: async () => {
        throw Object.assign(new Error('Stored data for learner "ada" is not a Pacekit log'), {
          code: 'CORRUPT_STORAGE',
        });
      },
      append: async (...args) => {
        saves.push(args);
        return { ok: true };
      },
    };
    const store = createLearnerStore({ learner, learnerId: 'ada', storage: corrupt });
    await expect(store.ready).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
    await expect(store.record(attempt('e1', 1))).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
    expect(saves).toHaveLength(0);
  });
});

describe('checkpoints in storage', () => {
  const events = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) =>
      attempt(`e${from + i}`, (from + i) * 10, i % 3 ? 'qa' : 'qb', i % 4 !== 0),
    );
  const parsedAll = (list: EventInput[]) => list.map((e) => parseEvent(e));

  it('loads from the latest checkpoint and the events after it, equal to a replay of everything', async () => {
    const storage = createMemoryStorage();
    const writer = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 8 });
    for (const e of events(30)) await writer.record(e);
    const stored = await storage.load('ada');
    expect(stored.checkpoint).toMatchObject({
      version: 24,
      through: { at: 230, id: 'e23' },
      model: learner.fingerprint,
    });
    expect(stored.events.map((e) => e.id)).toEqual(['e24', 'e25', 'e26', 'e27', 'e28', 'e29']);
    const reader = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 8 });
    await reader.ready;
    expect(reader.events().map((e) => e.id)).toEqual(['e24', 'e25', 'e26', 'e27', 'e28', 'e29']);
    expect(reader.getSnapshot()).toEqual(learner.replay('ada', events(30)));
  });

  it('takes late events, old duplicates and undos of checkpointed events from the whole log', async () => {
    const storage = createMemoryStorage();
    const writer = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 4 });
    await writer.recordAll(events(12));
    for (const e of events(6, 12)) await writer.record(e);
    const store = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 4 });
    await store.ready;
    expect(store.events().length).toBeLessThan(18);
    const late = attempt('late', 15, 'qb', false);
    await store.record(late);
    expect(store.getSnapshot()).toEqual(learner.replay('ada', [...events(18), late]));
    const before = store.getSnapshot();
    await store.record(events(1, 3)[0]!); // e3 again: nothing changes
    expect(store.getSnapshot()).toEqual(before);
    expect(await store.undo('e5')).toBe(true);
    const expected = learner.replay(
      'ada',
      [...events(18), late].filter((e) => e.id !== 'e5'),
    );
    expect(store.getSnapshot()).toEqual(expected);
    // Every store after it agrees, the writer that did not see these included.
    const again = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 4 });
    await again.ready;
    expect(again.getSnapshot()).toEqual(expected);
    await writer.record(attempt('e99', 990));
    expect(writer.getSnapshot()).toEqual(
      learner.replay(
        'ada',
        [...events(18), late, attempt('e99', 990)].filter((e) => e.id !== 'e5'),
      ),
    );
  });

  it('does not use a checkpoint folded by another model', async () => {
    const storage = createMemoryStorage();
    const writer = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 4 });
    await writer.recordAll(events(10));
    await writer.record(attempt('e10', 100));
    expect((await storage.load('ada')).checkpoint?.model).toBe(learner.fingerprint);
    const other = modelWith({ pInit: 0.5, pLearn: 0.1, pGuess: 0.25, pSlip: 0.1 });
    expect(other.fingerprint).not.toBe(learner.fingerprint);
    const store = createLearnerStore({ learner: other, learnerId: 'ada', storage });
    await store.ready;
    expect(store.getSnapshot()).toEqual(other.replay('ada', [...events(10), attempt('e10', 100)]));
  });

  it('equals a replay of what was kept whatever the writers, order, duplicates and undos (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            writer: fc.nat({ max: 2 }),
            id: fc.nat({ max: 40 }),
            at: fc.nat({ max: 60 }),
            undo: fc.boolean(),
            fresh: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        async (steps) => {
          const storage = createMemoryStorage();
          const stores = [0, 1, 2].map(() =>
            createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 3 }),
          );
          await Promise.all(stores.map((s) => s.ready));
          const byId = new Map<string, EventInput>();
          const gone = new Set<string>();
          for (const step of steps) {
            let store = stores[step.writer]!;
            if (step.fresh) {
              // Now and then a writer restarts: a new store from storage's checkpoint.
              store = stores[step.writer] = createLearnerStore({
                learner,
                learnerId: 'ada',
                storage,
                checkpointEvery: 3,
              });
              await store.ready;
            }
            const id = `x${step.id}`;
            if (step.undo && byId.has(id)) {
              if (await store.undo(id)) gone.add(id);
            } else if (!gone.has(id)) {
              const event =
                byId.get(id) ?? attempt(id, step.at, step.at % 2 ? 'qa' : 'qb', step.at % 3 !== 0);
              byId.set(id, event);
              await store.record(event);
            }
          }
          const kept = [...byId.values()].filter((e) => !gone.has(e.id));
          const reader = createLearnerStore({ learner, learnerId: 'ada', storage, checkpointEvery: 3 });
          await reader.ready;
          expect(reader.getSnapshot()).toEqual(learner.replay('ada', kept));
          expect(parsedAll(kept).length).toBe(reader.getSnapshot().eventCount);
        },
      ),
      { numRuns: 60, seed: 16 },
    );
  });
});
