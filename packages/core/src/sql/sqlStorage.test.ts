import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventInput, parseEvent } from '../events';
import { createSkillGraph } from '../graph';
import { createCatalog } from '../items';
import { createLearnerModel } from '../state';
import { createLearnerStore } from '../store';
import { createSqlStorage, type SqlClient } from './sqlStorage';

// A real PostgreSQL engine (PGlite: Postgres compiled to WebAssembly), the same SQL a server runs.
const graph = createSkillGraph([{ id: 'a' }, { id: 'b', prerequisites: ['a'] }]);
const catalog = createCatalog(
  [
    { id: 'qa', skills: ['a'] },
    { id: 'qb', skills: ['b'] },
  ],
  graph,
);
const learner = createLearnerModel({ bkt: { kind: 'bkt', schemaVersion: 1, skills: {} }, graph, catalog });
const attempt = (id: string, at: number, itemId = 'qa'): EventInput => ({
  id,
  learnerId: 'ada',
  at,
  type: 'attempt',
  itemId,
  correct: at % 3 !== 0,
});

/** A database the tests run on: PGlite always; a real server when the URL is given. */
interface Database extends SqlClient {
  close(): Promise<void>;
}
const databases: [string, () => Promise<Database>][] = [['PGlite', async () => new PGlite()]];
const serverUrl = process.env.PACEKIT_TEST_POSTGRES_URL;
if (serverUrl) {
  // `pnpm test:postgres` (scripts/with-postgres.mjs) starts a private server on loopback; each
  // run gets a database of its own.
  databases.push([
    'PostgreSQL',
    async () => {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      const name = `pacekit_test_${process.pid}_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const pool = new pg.Pool({ connectionString: serverUrl.replace(/\/[^/]*$/, `/${name}`), max: 20 });
      return { query: (text, params) => pool.query(text, params), close: () => pool.end() } as Database;
    },
  ]);
}

describe.each(databases)('SQL storage on %s', (kind, connect) => {
  let db: Database;
  beforeAll(async () => {
    db = await connect();
    await createSqlStorage({ client: db }).setup();
  });
  afterAll(async () => {
    await db.close();
  });

  it('persists a learner and loads it back', async () => {
    const storage = createSqlStorage({ client: db });
    const store = createLearnerStore({ learner, learnerId: 'ada', storage });
    await store.ready;
    await store.record(attempt('e1', 1));
    await store.record(attempt('e2', 2, 'qb'));
    const again = createLearnerStore({ learner, learnerId: 'ada', storage });
    await again.ready;
    expect(again.getSnapshot()).toEqual(store.getSnapshot());
    const version = await db.query<{ version: number }>(
      'SELECT version FROM pacekit_learners WHERE learner_id = $1',
      ['ada'],
    );
    expect(version.rows).toEqual([{ version: 2 }]);
    // A save writes what it adds: one row per event.
    const rows = await db.query(
      'SELECT event_id FROM pacekit_events WHERE learner_id = $1 ORDER BY event_id',
      ['ada'],
    );
    expect(rows.rows).toEqual([{ event_id: 'e1' }, { event_id: 'e2' }]);
  });

  it('loses nothing with 20 concurrent writers × 50 events on one learner', async () => {
    const storage = createSqlStorage({ client: db });
    const writers = Array.from({ length: 20 }, () =>
      createLearnerStore({ learner, learnerId: 'busy', storage }),
    );
    await Promise.all(writers.map((w) => w.ready));
    await Promise.all(
      writers.map((w, k) =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            w.record({ ...attempt(`w${k}-${i}`, i * 20 + k, i % 2 ? 'qa' : 'qb'), learnerId: 'busy' }),
          ),
        ),
      ),
    );
    const whole = await storage.changesSince!('busy', 0);
    expect(new Set(whole.events.map((e) => e.id)).size).toBe(1000);
    // A new store reads the latest checkpoint and the events after it: the same state.
    const stored = await storage.load('busy');
    expect(stored.checkpoint?.model).toBe(learner.fingerprint);
    expect(stored.events.length).toBeLessThan(1000);
    const fresh = createLearnerStore({ learner, learnerId: 'busy', storage });
    await fresh.ready;
    expect(fresh.getSnapshot()).toEqual(learner.replay('busy', whole.events));
  });

  it('reports a foreign row as corrupt and leaves it untouched', async () => {
    await db.query(`INSERT INTO pacekit_learners (learner_id, version) VALUES ('foreign', 3)`);
    await db.query(
      `INSERT INTO pacekit_events (learner_id, event_id, event) VALUES ('foreign', 'x', '{"type":"attempt"}')`,
    );
    const storage = createSqlStorage({ client: db });
    const store = createLearnerStore({ learner, learnerId: 'foreign', storage });
    await expect(store.ready).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
    await expect(store.record({ ...attempt('x', 1), learnerId: 'foreign' })).rejects.toMatchObject({
      code: 'CORRUPT_STORAGE',
    });
    expect(
      (await db.query(`SELECT version FROM pacekit_learners WHERE learner_id = 'foreign'`)).rows,
    ).toEqual([{ version: 3 }]);
    expect((await db.query(`SELECT event FROM pacekit_events WHERE learner_id = 'foreign'`)).rows).toEqual([
      { event: { type: 'attempt' } },
    ]);
  });

  it('merges a save that is behind on write, answering with only what changed since its version', async () => {
    const storage = createSqlStorage({ client: db });
    const e = (id: string, at: number) => parseEvent({ ...attempt(id, at), learnerId: 'since' });
    expect(await storage.append('since', { add: [e('s1', 1), e('s2', 2)], undo: [] }, 0)).toEqual({
      ok: true,
    });
    expect(await storage.append('since', { add: [e('s3', 3)], undo: ['s1'] }, 1)).toEqual({ ok: true });
    // Behind by one save: stored all the same (version 3), with a checkpoint that is not stored,
    // since it was folded without s3.
    const checkpoint = {
      version: 2,
      through: { at: 9, id: 's9' },
      model: 'm',
      undone: [],
      state: learner.initialState('since'),
    };
    const behind = await storage.append('since', { add: [e('s9', 9)], undo: [], checkpoint }, 1);
    expect(behind).toEqual({
      ok: true,
      merged: { version: 3, events: [e('s3', 3), e('s9', 9)], undone: ['s1'], since: 1 },
    });
    expect(await storage.changesSince!('since', 3)).toEqual({ version: 3, events: [], undone: [], since: 3 });
    const log = await storage.load('since');
    expect(log.checkpoint).toBeUndefined();
    expect(log.events.map((x) => x.id).sort()).toEqual(['s1', 's2', 's3', 's9']);
    // The writer's checkpoint once it has folded the others' saves; an older one never replaces it.
    await storage.saveCheckpoint!('since', { ...checkpoint, version: 3 });
    expect((await storage.load('since')).checkpoint?.version).toBe(3);
    await storage.saveCheckpoint!('since', checkpoint);
    expect(await storage.load('since')).toMatchObject({ version: 3, events: [], checkpoint: { version: 3 } });
  });

  it('reports a checkpoint that is not a learner state as CORRUPT_STORAGE and leaves it', async () => {
    const storage = createSqlStorage({ client: db });
    const store = createLearnerStore({ learner, learnerId: 'cp', storage, checkpointEvery: 2 });
    await store.recordAll([
      { ...attempt('c1', 1), learnerId: 'cp' },
      { ...attempt('c2', 2), learnerId: 'cp' },
    ]);
    await store.record({ ...attempt('c3', 3), learnerId: 'cp' });
    expect((await storage.load('cp')).checkpoint?.version).toBe(1);
    await db.query(
      `UPDATE pacekit_checkpoints SET checkpoint = jsonb_set(checkpoint, '{state,skills}', '"oops"') WHERE learner_id = 'cp'`,
    );
    await expect(storage.load('cp')).rejects.toThrow(
      /Stored checkpoint for learner "cp" .* is not a learner state/,
    );
    const rows = await db.query(
      `SELECT checkpoint->'state'->'skills' AS skills FROM pacekit_checkpoints WHERE learner_id = 'cp'`,
    );
    expect(rows.rows).toEqual([{ skills: 'oops' }]);
  });

  it('reports rows it cannot trust as CORRUPT_STORAGE naming the learner and the row, and leaves them', async () => {
    const storage = createSqlStorage({ client: db });
    const good = (learnerId: string, id: string) =>
      JSON.stringify({ ...attempt(id, 1), learnerId, hintsUsed: 0 });
    const cases: [string, string, string, RegExp][] = [
      ['json-string', 'j1', JSON.stringify('just a string'), /event_id "j1": the event is not a JSON object/],
      ['mismatch', 'm1', good('mismatch', 'other-id'), /event_id "m1": the event's id is "other-id"/],
      ['stranger', 's1', good('somebody-else', 's1'), /holds event "s1" of learner "somebody-else"/],
      // Checked in slices (parseStoredLogInSlices): the field is still named, in Pacekit's words.
      [
        'bad-field',
        'b1',
        JSON.stringify({ ...attempt('b1', 1), learnerId: 'bad-field', at: -5 }),
        /"events\.0\.at": must be 1970-01-01T00:00:00Z \(epoch 0\) or later/,
      ],
    ];
    for (const [learnerId, eventId, json, message] of cases) {
      await db.query('INSERT INTO pacekit_learners (learner_id, version) VALUES ($1, 1)', [learnerId]);
      await db.query('INSERT INTO pacekit_events (learner_id, event_id, event) VALUES ($1, $2, $3::jsonb)', [
        learnerId,
        eventId,
        json,
      ]);
      const error = await storage.load(learnerId).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'CORRUPT_STORAGE' });
      expect((error as Error).message).toMatch(new RegExp(`learner "${learnerId}"`));
      expect((error as Error).message).toMatch(message);
      const store = createLearnerStore({ learner, learnerId, storage });
      await expect(store.ready).rejects.toMatchObject({ code: 'CORRUPT_STORAGE' });
      const rows = await db.query('SELECT event_id FROM pacekit_events WHERE learner_id = $1', [learnerId]);
      expect(rows.rows).toEqual([{ event_id: eventId }]);
    }
  });

  it('sets up the same tables however many times it runs', async () => {
    const storage = createSqlStorage({ client: db, prefix: 'again' });
    await Promise.all([storage.setup(), storage.setup(), storage.setup()]);
    await storage.setup();
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'again%' ORDER BY table_name",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'again_checkpoints',
      'again_events',
      'again_learners',
      'again_undone',
    ]);
  });

  // Only a server has concurrent connections (PGlite has one).
  if (kind === 'PostgreSQL')
    it('creates its tables once when 16 servers set up a fresh database together', async () => {
      const clients = Array.from({ length: 16 }, () => new pg.Client({ connectionString: serverUrl }));
      await Promise.all(clients.map((c) => c.connect()));
      try {
        const prefix = `fresh_${Date.now()}`;
        await Promise.all(clients.map((client) => createSqlStorage({ client, prefix }).setup()));
        const storage = createSqlStorage({ client: clients[0]!, prefix });
        expect((await storage.append('ada', { add: [], undo: [] }, 0)).ok).toBe(true);
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
    });

  it('refuses a table prefix that is not a plain identifier', () => {
    expect(() => createSqlStorage({ client: db, prefix: 'x; DROP TABLE y' })).toThrow(/plain SQL identifier/);
  });
});
