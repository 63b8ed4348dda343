import { request } from 'node:http';
import { createPacer } from '@pacekit/pacing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService } from './__fixtures__/service';
import { MAX_BODY_BYTES } from './app';
import { bkt, items, skills } from './course';

// The real service on a loopback port, over an embedded PostgreSQL (PGlite).
const T0 = Date.UTC(2026, 0, 5, 9);
const pacer = createPacer({ skills, items, bkt });
let base = '';
let stop: () => Promise<void>;
beforeAll(async () => {
  ({ base, stop } = await startService(pacer, () => T0 + 3_600_000));
});
afterAll(() => stop());

const post = (learner: string, body: unknown, raw?: string) =>
  fetch(`${base}/learners/${learner}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
/** POSTs with node:http and resolves with the status as soon as the server answers (it may refuse before the upload ends). */
function postRaw(path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      },
    );
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)));
    req.end(body);
  });
}
const attempt = (id: string, at: number, itemId = 'equal-parts/core', correct = true) => ({
  id,
  at,
  type: 'attempt',
  itemId,
  correct,
});

describe('learner service', () => {
  it('records events idempotently and serves state, next activity and plan', async () => {
    expect((await post('ada', [attempt('a1', T0), attempt('a2', T0 + 1000)])).status).toBe(200);
    const again = await post('ada', attempt('a1', T0));
    expect(await again.json()).toMatchObject({ eventCount: 2 });
    const state = await (await fetch(`${base}/learners/ada`)).json();
    expect(state).toMatchObject({ learnerId: 'ada', eventCount: 2 });
    const next = await (await fetch(`${base}/learners/ada/next?limit=2`)).json();
    expect(next.recommendations.length).toBeGreaterThan(0);
    expect(next.recommendations[0].explanation[0]).toMatch(/\w/);
    const plan = await (await fetch(`${base}/learners/ada/plan?minutes=5`)).json();
    expect(plan.plan.totalMinutes).toBeLessThanOrEqual(5);
  });

  it('loses nothing when 200 events arrive at once for 20 learners', async () => {
    const posts = Array.from({ length: 200 }, (_, i) =>
      post(
        `busy-${i % 20}`,
        attempt(`b${i}`, T0 + i * 1000, i % 2 ? 'equal-parts/easy' : 'equal-parts/core', i % 3 !== 0),
      ),
    );
    const statuses = (await Promise.all(posts)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    for (let k = 0; k < 20; k++) {
      const state = await (await fetch(`${base}/learners/busy-${k}`)).json();
      expect(state.eventCount).toBe(10);
    }
  });

  it('answers 404 for an unknown learner and 400 with the issues for bad input', async () => {
    expect((await fetch(`${base}/learners/nobody`)).status).toBe(404);
    expect((await fetch(`${base}/learners/nobody/next`)).status).toBe(404);
    const malformed = await post('ada', undefined, '{"id": "x", ');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error).toBe('body is not valid JSON');
    const wrongType = await post('ada', {
      id: 'w',
      at: T0,
      type: 'attempt',
      itemId: 'equal-parts/core',
      correct: 'yes',
    });
    expect(wrongType.status).toBe(400);
    const body = await wrongType.json();
    expect(body.error).toContain('"correct"');
    expect(body.issues[0].path).toBe('correct');
    expect((await post('ada', attempt('u', T0, 'no-such-item'))).status).toBe(400);
    expect((await post('ada', { ...attempt('f', T0), learnerId: 'bob' })).status).toBe(400);
    expect((await fetch(`${base}/learners/ada/next?limit=many`)).status).toBe(400);
    expect((await fetch(`${base}/learners/${encodeURIComponent('bad id!')}`)).status).toBe(400);
  });

  it('refuses huge payloads and prototype-polluting keys without harm', async () => {
    const huge = await postRaw(
      '/learners/ada/events',
      JSON.stringify({ ...attempt('h', T0), pad: 'x'.repeat(MAX_BODY_BYTES) }),
    );
    expect(huge).toBe(413);
    const polluted = await post(
      'ada',
      undefined,
      `{"id":"p","at":${T0},"type":"attempt","itemId":"equal-parts/core","correct":true,"__proto__":{"polluted":true}}`,
    );
    expect(polluted.status).toBe(400);
    expect((await polluted.json()).error).toBe('forbidden key "__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const state = await (await fetch(`${base}/learners/ada`)).json();
    expect(state.eventCount).toBe(2);
  });

  it('answers 400 naming the problem for malformed strings and deep nesting, and stores a batch all or none', async () => {
    const before = (await (await fetch(`${base}/learners/ada`)).json()).eventCount;
    const nul = await post('ada', { ...attempt('n', T0), itemId: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect((await nul.json()).error).toMatch(
      /"itemId": must not contain NUL characters or unpaired UTF-16 surrogates/,
    );
    const surrogate = await post(
      'ada',
      undefined,
      `{"id":"s\\ud800","at":${T0},"type":"attempt","itemId":"x","correct":true}`,
    );
    expect(surrogate.status).toBe(400);
    expect((await surrogate.json()).error).toMatch(/"id": must not contain NUL/);
    const deep = await post('ada', undefined, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(deep.status).toBe(400);
    expect((await deep.json()).error).toMatch(/^body nested deeper than 32 levels/);
    // The third event names an item the course does not have: nothing of the batch is stored.
    const batch = await post('ada', [
      attempt('b1', T0 + 10),
      attempt('b2', T0 + 11),
      attempt('b3', T0 + 12, 'no-such-item'),
    ]);
    expect(batch.status).toBe(400);
    expect((await batch.json()).error).toMatch(/no-such-item/);
    expect((await (await fetch(`${base}/learners/ada`)).json()).eventCount).toBe(before);
    const good = await post('ada', [attempt('b1', T0 + 10), attempt('b2', T0 + 11)]);
    expect(await good.json()).toMatchObject({ eventCount: before + 2, recorded: 2 });
  });
});

describe('learner service instances sharing one database', () => {
  it('keeps a store per learner and catches up with what other instances saved before a read', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { createSqlStorage } = await import('@pacekit/core/sql');
    const { createApp } = await import('./app');
    const db = new PGlite();
    const storage = createSqlStorage({ client: db });
    await storage.setup();
    const [a, b] = [0, 1].map(() => createApp({ storage, pacer, clock: () => T0 + 3_600_000 }));
    const send = (app: typeof a, body: unknown) =>
      app!.request('/learners/shared/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await send(a, attempt('s1', T0))).status).toBe(200);
    // b reads (and keeps) the learner, then a saves more: b's next read includes it.
    expect(((await (await b!.request('/learners/shared')).json()) as { eventCount: number }).eventCount).toBe(
      1,
    );
    expect((await send(a, [attempt('s2', T0 + 1), attempt('s3', T0 + 2)])).status).toBe(200);
    expect(((await (await b!.request('/learners/shared')).json()) as { eventCount: number }).eventCount).toBe(
      3,
    );
    // And b's own writes land on top of a's, which a sees in turn.
    expect(await (await send(b, attempt('s4', T0 + 3))).json()).toMatchObject({ eventCount: 4 });
    expect(((await (await a!.request('/learners/shared')).json()) as { eventCount: number }).eventCount).toBe(
      4,
    );
    await db.close();
  });
});
