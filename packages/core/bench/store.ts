// Load + record for a learner with a long history: the store reads the latest checkpoint and
// the events after it, so both cost the same with 1,000 or 1,000,000 events (budget ≤ 50 ms).
import {
  createCatalog,
  createLearnerModel,
  createLearnerStore,
  createMemoryStorage,
  createSkillGraph,
  type EventInput,
  type LearnerStorage,
} from '@pacekit/core';

/** A 50-skill chain with 500 items: the course of the long-history benchmarks. */
export const graph = createSkillGraph(
  Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, prerequisites: i > 0 ? [`s${i - 1}`] : [] })),
);
export const catalog = createCatalog(
  Array.from({ length: 500 }, (_, i) => ({ id: `q${i}`, skills: [`s${i % 50}`] })),
  graph,
);
export const learner = createLearnerModel({
  bkt: { kind: 'bkt', schemaVersion: 1, skills: {} },
  graph,
  catalog,
});
const tinyGraph = createSkillGraph([{ id: 't' }]);
const tiny = createLearnerModel({
  bkt: { kind: 'bkt', schemaVersion: 1, skills: {} },
  graph: tinyGraph,
  catalog: createCatalog(
    [
      { id: 't0', skills: ['t'] },
      { id: 't1', skills: ['t'] },
    ],
    tinyGraph,
  ),
});
/** The n-th event of the learner "long", a second apart. */
export const event = (n: number): EventInput => ({
  id: `e${n}`,
  learnerId: 'long',
  at: 1_700_000_000_000 + n * 1000,
  type: 'attempt',
  itemId: `q${(n * 7) % 500}`,
  correct: n % 3 !== 0,
});

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** Fills `storage` with `count` events through a store (10,000 a save), then times new stores. */
export async function storeBench(storage: LearnerStorage, count: number, label: string): Promise<string> {
  const writer = createLearnerStore({ learner, learnerId: 'long', storage });
  await writer.ready;
  const fillStart = performance.now();
  for (let from = 0; from < count; from += 10_000)
    await writer.recordAll(Array.from({ length: Math.min(10_000, count - from) }, (_, i) => event(from + i)));
  const fillMs = performance.now() - fillStart;
  const loads: number[] = [];
  const records: number[] = [];
  for (let r = 0; r < 20; r++) {
    let t = performance.now();
    const store = createLearnerStore({ learner, learnerId: 'long', storage });
    await store.ready;
    loads.push(performance.now() - t);
    if (store.getSnapshot().eventCount !== count + r)
      throw new Error(`loaded ${store.getSnapshot().eventCount} events`);
    t = performance.now();
    await store.record(event(count + r));
    records.push(performance.now() - t);
  }
  return `- ${label}, ${count.toLocaleString('en')} events (filled in ${(fillMs / 1000).toFixed(1)} s): new store + load median ${median(loads).toFixed(2)} ms (max ${Math.max(...loads).toFixed(2)}), then record one event median ${median(records).toFixed(2)} ms (max ${Math.max(...records).toFixed(2)}), 20 rounds.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await storeBench(createMemoryStorage(), 1_000_000, 'memory storage'));
}

/**
 * 20 writers × 50 events each, every record awaited, on one learner in one memory storage (budget
 * ≤ 1 s), with the 500-item course above and with a two-item one.
 */
export async function writersBench(small = false): Promise<string> {
  const model = small ? tiny : learner;
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const storage = createMemoryStorage();
    const t = performance.now();
    const writers = Array.from({ length: 20 }, () =>
      createLearnerStore({ learner: model, learnerId: 'busy', storage }),
    );
    await Promise.all(writers.map((w) => w.ready));
    await Promise.all(
      writers.map(async (w, k) => {
        for (let i = 0; i < 50; i++)
          await w.record({
            ...event(i * 20 + k),
            learnerId: 'busy',
            ...(small ? { itemId: `t${i % 2}` } : {}),
          });
      }),
    );
    runs.push(performance.now() - t);
    const whole = await storage.changesSince!('busy', 0);
    if (whole.events.length !== 1000) throw new Error(`stored ${whole.events.length} events`);
  }
  return `- In-memory store, 20 writers × 50 awaited events on one learner (${small ? 'a 2-item course' : 'the 500-item course: states of ~430 items'}): median ${median(runs).toFixed(0)} ms of 5 runs (${runs.map((x) => x.toFixed(0)).join(', ')} ms); 1,000 stored, none lost.`;
}
