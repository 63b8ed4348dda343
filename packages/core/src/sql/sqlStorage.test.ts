import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../events';
import { createSkillGraph } from '../graph';
import { createCatalog } from '../items';
import { createLearnerModel } from '../state';
import { createLearnerStore } from '../store';
import { createSqlStorage } from './sqlStorage';

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

describe('SQL storage on PGlite', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
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
    const stored = await storage.load('busy');
    expect(new Set(stored.events.map((e) => e.id)).size).toBe(1000);
    const fresh = createLearnerStore({ learner, learnerId: 'busy', storage });
    await fresh.ready;
    expect(fresh.getSnapshot().eventCount).toBe(1000);
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

  it('refuses a table prefix that is not a plain identifier', () => {
    expect(() => createSqlStorage({ client: db, prefix: 'x; DROP TABLE y' })).toThrow(/plain SQL identifier/);
  });
});
