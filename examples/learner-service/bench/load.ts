// Load on the learner service: 4 instances (processes) on one PostgreSQL server, 50 clients each,
// over 5 learners and over 20 (shuffled timestamps, re-sent duplicates, batches of 5), for a
// bounded time on loopback only. Reports acknowledged events/s and latency, then checks that every
// acknowledged event is stored once: each learner's GET equals the events its clients had
// acknowledged. Run: pnpm --filter @pacekit-examples/learner-service bench:load
// (scripts/with-postgres.mjs starts the private server and passes PACEKIT_TEST_POSTGRES_URL).
// LOAD_SERVER=bench/floor-server.ts runs the same load on a server that does nothing: the floor.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createRandom } from '@pacekit/core';
import pg from 'pg';
import { items } from '../src/course';

const url = process.env.PACEKIT_TEST_POSTGRES_URL;
if (!url) throw new Error('run through scripts/with-postgres.mjs (PACEKIT_TEST_POSTGRES_URL is not set)');
const INSTANCES = 4;
const CLIENTS_PER_INSTANCE = 50;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const JITTER_MS = Number(process.env.LOAD_JITTER_MS ?? 0);
const T0 = Date.UTC(2026, 2, 2, 9);

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return url!.replace(/\/[^/]*$/, `/${name}`);
}

/** Starts the service `INSTANCES` times at once on a fresh database (they all run setup). */
async function startInstances(databaseUrl: string): Promise<{ bases: string[]; stop: () => void }> {
  const server = process.env.LOAD_SERVER ?? fileURLToPath(new URL('../src/server.ts', import.meta.url));
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  for (let i = 0; i < INSTANCES; i++) {
    const port = await freePort();
    children.push(
      // From source (the workspace condition), so the bench measures the code as it is.
      spawn(
        process.execPath,
        [
          ...(process.env.LOAD_PROFILE_DIR && i === 0
            ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE_DIR}`]
            : []),
          '--conditions=@pacekit/source',
          '--import',
          'tsx',
          server,
        ],
        {
          env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1' },
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      ),
    );
    bases.push(`http://127.0.0.1:${port}`);
  }
  const stop = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  const deadline = Date.now() + 60_000;
  for (const base of bases) {
    for (;;) {
      try {
        if ((await fetch(`${base}/learners/warm-up`)).status === 404) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        stop();
        throw new Error(`${base} did not start`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return { bases, stop };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function run(learners: number): Promise<string> {
  const database = await freshDatabase(`pacekit_load_${learners}`);
  const { bases, stop } = await startInstances(database);
  try {
    const acked = Array.from({ length: learners }, () => new Set<string>());
    const latencies: number[] = [];
    let refused = 0;
    let failed = 0;
    const end = performance.now() + SECONDS * 1000;
    const client = async (c: number) => {
      const random = createRandom(c + 1);
      const base = bases[c % INSTANCES]!;
      const sent: { learner: number; event: Record<string, unknown> }[] = [];
      let n = 0;
      while (performance.now() < end) {
        const learner = random.int(learners);
        const fresh = () => ({
          id: `c${c}-${n++}`,
          // Shuffled: any time in two weeks, or (LOAD_JITTER_MS) now give or take the jitter.
          at:
            JITTER_MS > 0
              ? T0 + Math.round(performance.now()) + random.int(2 * JITTER_MS) - JITTER_MS
              : T0 + random.int(14 * 86_400_000),
          type: 'attempt',
          itemId: items[random.int(items.length)]!.id,
          correct: random.next() < 0.7,
        });
        const roll = random.next();
        // One in ten a duplicate of an earlier event, one in ten a batch of five.
        const batch =
          roll < 0.1 && sent.some((s) => s.learner === learner)
            ? [sent.filter((s) => s.learner === learner).at(-1)!.event]
            : roll < 0.2
              ? Array.from({ length: 5 }, fresh)
              : [fresh()];
        const t = performance.now();
        try {
          const response = await fetch(`${base}/learners/load-${learner}/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(batch.length === 1 ? batch[0] : batch),
            signal: AbortSignal.timeout(30_000),
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - t);
          if (response.status === 200) {
            for (const event of batch) {
              acked[learner]!.add(event.id as string);
              sent.push({ learner, event });
            }
          } else refused++;
        } catch {
          failed++;
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: INSTANCES * CLIENTS_PER_INSTANCE }, (_, c) => client(c)));
    const seconds = (performance.now() - started) / 1000;
    let lost = 0;
    for (let l = 0; l < learners; l++) {
      const state = (await (await fetch(`${bases[l % INSTANCES]}/learners/load-${l}`)).json()) as {
        eventCount?: number;
      };
      if ((state.eventCount ?? 0) !== acked[l]!.size)
        lost += Math.abs((state.eventCount ?? 0) - acked[l]!.size);
    }
    const events = acked.reduce((sum, s) => sum + s.size, 0);
    latencies.sort((a, b) => a - b);
    return `- ${INSTANCES} instances × ${CLIENTS_PER_INSTANCE} clients, ${learners} learners, ${seconds.toFixed(1)} s: **${(events / seconds).toFixed(0)} acknowledged events/s** (${events} events in ${latencies.length} requests), latency p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p99 **${percentile(latencies, 0.99).toFixed(0)} ms**, max ${latencies.at(-1)!.toFixed(0)} ms; refused ${refused}, failed ${failed}; stored ≠ acknowledged: ${lost}.`;
  } finally {
    stop();
  }
}

console.log(
  `## Learner service under load (PostgreSQL on loopback, ${SECONDS} s per run, timestamps ${JITTER_MS > 0 ? `now ± ${JITTER_MS} ms` : 'anywhere in two weeks'})`,
);
console.log();
for (const learners of [5, 20]) console.log(await run(learners));
process.exit(0);
