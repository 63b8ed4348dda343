// "A single request never blocks other learners for more than 100 ms" (issue #16): a learner
// with 1,000,000 events whose whole log must be read and folded again — a late event from before
// the stored checkpoint, or a model that changed — while a 1 ms timer stands for every other
// learner on the server. Reports the time the re-fold took and the longest the timer waited.
// Memory storage always; a PostgreSQL server too when PACEKIT_TEST_POSTGRES_URL is set:
//   pnpm --filter @pacekit/core bench:stall   (starts a private PostgreSQL on loopback)
import {
  createLearnerModel,
  createLearnerStore,
  createMemoryStorage,
  type EventInput,
  type LearnerStorage,
} from '@pacekit/core';
import { createSqlStorage } from '@pacekit/core/sql';
import pg from 'pg';
import { catalog, event, graph, learner } from './store';

/** The same course with other BKT parameters: a model whose checkpoints do not count. */
const otherModel = createLearnerModel({
  bkt: {
    kind: 'bkt',
    schemaVersion: 1,
    skills: {},
    defaultParams: { pInit: 0.3, pLearn: 0.1, pGuess: 0.2, pSlip: 0.1 },
  },
  graph,
  catalog,
});

/**
 * Runs `work` beside a 1 ms timer; returns its time, the timer's longest wait (ms), and how much
 * of that wait this process spent on the CPU (ms): a wait with little CPU is the machine busy
 * elsewhere (PostgreSQL, the kernel), not the event loop held by the work.
 */
async function beside(work: () => Promise<unknown>): Promise<{ ms: number; stall: number; cpu: number }> {
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  let stall = 0;
  let cpu = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const used = process.cpuUsage(lastCpu);
    if (now - last > stall) {
      stall = now - last;
      cpu = (used.user + used.system) / 1000;
    }
    last = now;
    lastCpu = process.cpuUsage();
  }, 1);
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 20)); // the timer's turn after the work
  clearInterval(timer);
  return { ms, stall, cpu };
}

export async function stallBench(storage: LearnerStorage, label: string, count = 1_000_000): Promise<string> {
  const writer = createLearnerStore({ learner, learnerId: 'long', storage });
  await writer.ready;
  for (let from = 0; from < count; from += 10_000)
    await writer.recordAll(Array.from({ length: 10_000 }, (_, i) => event(from + i)));
  const late = await beside(async () => {
    const store = createLearnerStore({ learner, learnerId: 'long', storage });
    await store.ready;
    await store.record({ ...event(5), id: 'late' } as EventInput);
    if ((await store.settled()).eventCount !== count + 1) throw new Error('the late event was not folded');
  });
  const changed = await beside(async () => {
    const store = createLearnerStore({ learner: otherModel, learnerId: 'long', storage });
    await store.ready;
    if ((await store.settled()).eventCount !== count + 1) throw new Error('the log was not folded');
  });
  writer.destroy();
  const f = (r: { ms: number; stall: number; cpu: number }) =>
    `${(r.ms / 1000).toFixed(1)} s, other learners waited at most **${r.stall.toFixed(0)} ms** (this process on the CPU ${r.cpu.toFixed(0)} ms of it)`;
  return `- ${label}, ${count.toLocaleString('en')} events: a late event from before the checkpoint (the whole log read and re-folded) ${f(late)}; a changed model (the same) ${f(changed)}.`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.STALL_SQL_ONLY) console.log(await stallBench(createMemoryStorage(), 'memory storage'));
  const url = process.env.PACEKIT_TEST_POSTGRES_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const storage = createSqlStorage({ client: pool });
    await storage.setup();
    console.log(await stallBench(storage, 'SQL storage on a PostgreSQL server (loopback)'));
    await pool.end();
  } else console.log('- PostgreSQL: not measured (run `pnpm --filter @pacekit/core bench:stall`).');
}
