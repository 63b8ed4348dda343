// GET /classes/:id/overview for a class of 200 learners on PGlite, over loopback HTTP.
// Run: pnpm --filter @pacekit-examples/learner-service bench
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { createRandom, type EventInput } from '@pacekit/core';
import { createSqlStorage } from '@pacekit/core/sql';
import { createPacer } from '@pacekit/pacing';
import { createApp } from '../src/app';
import { createSqlRosters } from '../src/classes';
import { bkt, items, skills } from '../src/course';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9);
const db = new PGlite();
const storage = createSqlStorage({ client: db });
await storage.setup();
const rosters = createSqlRosters(db);
await rosters.setup();
const pacer = createPacer({ skills, items, bkt });
const app = createApp({ storage, rosters, pacer, clock: () => T0 + 14 * DAY });
let base = '';
const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
    base = `http://127.0.0.1:${info.port}`;
    resolve(s);
  });
});
const random = createRandom(3);
const learnerIds = Array.from({ length: 200 }, (_, i) => `learner-${i}`);
for (const learnerId of learnerIds) {
  const events: EventInput[] = Array.from({ length: 60 }, (_, n) => ({
    id: `${learnerId}-${n}`,
    learnerId,
    at: T0 + Math.floor((n / 60) * 14 * DAY),
    type: 'attempt' as const,
    itemId: items[(Math.floor(n / 5) * 3 + (n % 3)) % items.length]!.id,
    correct: random.next() < 0.65,
  }));
  const response = await fetch(`${base}/learners/${learnerId}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  if (response.status !== 200) throw new Error(`seeding ${learnerId}: ${response.status}`);
}
await fetch(`${base}/classes/big`, {
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ learnerIds }),
});
for (let i = 0; i < 3; i++) await (await fetch(`${base}/classes/big/overview`)).json();
const times: number[] = [];
for (let i = 0; i < 40; i++) {
  const t = performance.now();
  const response = await fetch(`${base}/classes/big/overview`);
  await response.json();
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
console.log('### `GET /classes/:id/overview`, 200 learners × 60 events, PGlite, loopback HTTP');
console.log();
console.log(
  `40 sequential requests: p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms (each loads and folds 200 learners' logs, then summarizes).`,
);
server.close();
await db.close();
