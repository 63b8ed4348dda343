import { createYielder, SLICE_MS } from '../async';
import { PacekitError } from '../errors';
import type { LearnerStorage, StoredLog } from '../store';
import { parseStoredLogInSlices } from './parseInSlices';

/**
 * The one thing the SQL adapter needs from a database client: run a parameterised statement
 * (`$1`, `$2`, … placeholders, PostgreSQL style) and return its rows. PGlite's `db`, a
 * node-postgres `Pool` or `Client`, and most PostgreSQL drivers fit as they are.
 */
export interface SqlClient {
  /** Runs `text` with `params`; resolves with the rows it returns. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Options of {@link createSqlStorage}. */
export interface SqlStorageOptions {
  /** The database client. */
  client: SqlClient;
  /** Prefix of the tables' names (letters, digits and underscores; default `pacekit`). */
  prefix?: string;
}

/** A {@link LearnerStorage} on a SQL database, plus the statements that create its tables. */
export interface SqlStorage extends LearnerStorage {
  /** Creates the tables if they do not exist (idempotent; run at startup or in a migration). */
  setup(): Promise<void>;
  /** The statements that create its tables or bring them up to date (idempotent), for migration tools. */
  readonly schema: readonly string[];
}

/**
 * Learner logs in PostgreSQL (or PGlite): a row per learner with a `version`, a row per event,
 * a row per undo, and the latest checkpoint. A save is one round trip — a call of the
 * `<prefix>_append` function `setup()` creates — that bumps the version (the learner's row lock
 * orders concurrent saves) and inserts the new events and undos under it; it merges on write, so
 * a server that was behind is answered, in the same call, with what the others saved instead of
 * trying again, and a save writes only what it adds. The checkpoint it carries is stored only
 * when the save lands right after the version it was folded from. A read is one statement too.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * const storage = createSqlStorage({ client: new PGlite() });
 * await storage.setup();
 * const store = createLearnerStore({ learner, learnerId: 'ada', storage });
 * ```
 */
export function createSqlStorage(options: SqlStorageOptions): SqlStorage {
  const prefix = options.prefix ?? 'pacekit';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(prefix)) {
    throw new PacekitError(
      'INVALID_INPUT',
      `createSqlStorage: "prefix" must be a plain SQL identifier (got ${JSON.stringify(prefix)})`,
    );
  }
  const { client } = options;
  const learners = `${prefix}_learners`;
  const events = `${prefix}_events`;
  const undone = `${prefix}_undone`;
  const checkpoints = `${prefix}_checkpoints`;
  const append = `${prefix}_append`;
  const schema = [
    `CREATE TABLE IF NOT EXISTS ${learners} (learner_id text PRIMARY KEY, version integer NOT NULL CHECK (version >= 0), updated_at timestamptz NOT NULL DEFAULT now())`,
    `CREATE TABLE IF NOT EXISTS ${events} (learner_id text NOT NULL REFERENCES ${learners} ON DELETE CASCADE, event_id text NOT NULL, event jsonb NOT NULL, PRIMARY KEY (learner_id, event_id))`,
    `CREATE TABLE IF NOT EXISTS ${undone} (learner_id text NOT NULL REFERENCES ${learners} ON DELETE CASCADE, event_id text NOT NULL, PRIMARY KEY (learner_id, event_id))`,
    // The version of the save that added each row, so a writer that is behind reads only what
    // changed (rows from before this column existed count as version 0).
    `ALTER TABLE ${events} ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 0`,
    `ALTER TABLE ${undone} ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 0`,
    `CREATE INDEX IF NOT EXISTS ${events}_by_version ON ${events} (learner_id, version)`,
    // The latest checkpoint of each learner: the folded state as of a version of the log.
    `CREATE TABLE IF NOT EXISTS ${checkpoints} (learner_id text PRIMARY KEY REFERENCES ${learners} ON DELETE CASCADE, version integer NOT NULL, checkpoint jsonb NOT NULL)`,
    // A save in one round trip: bump the version (the row lock orders saves), insert what it
    // adds, keep its checkpoint if it lands right after the version it was folded from, and —
    // in a statement of its own, so it sees the saves it waited for — answer with what the saves
    // since `expected` added. Rows: ('v', version) first, then ('e', id, event) and ('u', id).
    `CREATE OR REPLACE FUNCTION ${append}(p_learner text, p_expected integer, p_add jsonb, p_undo jsonb, p_checkpoint jsonb)
     RETURNS TABLE (out_kind text, out_version integer, out_id text, out_event jsonb) LANGUAGE plpgsql AS $fn$
     DECLARE v integer;
     BEGIN
       IF p_expected = 0 THEN
         INSERT INTO ${learners} (learner_id, version) VALUES (p_learner, 0) ON CONFLICT (learner_id) DO NOTHING;
       END IF;
       UPDATE ${learners} l SET version = l.version + 1, updated_at = now() WHERE l.learner_id = p_learner
         RETURNING l.version INTO v;
       IF v IS NULL THEN RETURN; END IF;
       INSERT INTO ${events} (learner_id, event_id, event, version)
         SELECT p_learner, e->>'id', e, v FROM jsonb_array_elements(p_add) AS e ON CONFLICT DO NOTHING;
       INSERT INTO ${undone} (learner_id, event_id, version)
         SELECT p_learner, u, v FROM jsonb_array_elements_text(p_undo) AS u ON CONFLICT DO NOTHING;
       IF p_checkpoint IS NOT NULL AND v = p_expected + 1 THEN
         INSERT INTO ${checkpoints} (learner_id, version, checkpoint) VALUES (p_learner, v, p_checkpoint)
           ON CONFLICT (learner_id) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint;
       END IF;
       RETURN QUERY SELECT 'v'::text, v, NULL::text, NULL::jsonb;
       IF v > p_expected + 1 THEN
         RETURN QUERY
           SELECT 'e'::text, v, e.event_id, e.event FROM ${events} e
             WHERE e.learner_id = p_learner AND e.version > p_expected AND e.version <= v
           UNION ALL
           SELECT 'u'::text, v, u.event_id, NULL::jsonb FROM ${undone} u
             WHERE u.learner_id = p_learner AND u.version > p_expected AND u.version <= v;
       END IF;
     END $fn$`,
  ];
  const where = `tables ${prefix}_*`;
  /** A SQL string literal (the prefix is a plain identifier, so this holds no quote). */
  const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
  /** A jsonb value as JSON (drivers that return jsonb as text give a string), undefined if not JSON. */
  const jsonb = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  };
  /**
   * The log (`since` 0), what the saves after version `since` added, or (`since` "checkpoint")
   * the latest checkpoint and what the saves after it added — as read, unchecked. One statement,
   * so the version, the checkpoint and the rows are one snapshot of the database, in one round
   * trip.
   */
  const readRaw = async (learnerId: string, since: number | 'checkpoint') => {
    const fromCheckpoint = since === 'checkpoint';
    const { rows } = await client.query<{
      version: number;
      since: number;
      kind: 'c' | 'e' | 'u' | null;
      event_id: string | null;
      event: unknown;
    }>(
      `WITH cp AS (SELECT version, checkpoint FROM ${checkpoints} WHERE learner_id = $1 AND $3),
         s AS (SELECT COALESCE((SELECT version FROM cp), $2::integer) AS v),
         -- The first version to read (rows from before versions were kept are version 0): a
         -- plain bound, so the (learner_id, version) index takes only the rows after it.
         s2 AS (SELECT v, CASE WHEN v = 0 THEN 0 ELSE v + 1 END AS first FROM s)
       SELECT l.version, s.v AS since, c.kind, c.event_id, c.event
       FROM ${learners} l CROSS JOIN s2 s LEFT JOIN LATERAL (
         SELECT 'c' AS kind, NULL AS event_id, cp.checkpoint AS event FROM cp
         UNION ALL
         SELECT 'e', event_id, event FROM ${events} e
         WHERE e.learner_id = l.learner_id AND e.version >= s.first AND e.version <= l.version
         UNION ALL
         SELECT 'u', event_id, NULL FROM ${undone} u
         WHERE u.learner_id = l.learner_id AND u.version >= s.first AND u.version <= l.version
       ) c ON true
       WHERE l.learner_id = $1`,
      [learnerId, fromCheckpoint ? 0 : since, fromCheckpoint],
    );
    const version = rows[0]?.version ?? 0;
    const from = fromCheckpoint ? (rows[0]?.since ?? 0) : since;
    return { version, ...(await checkRows(learnerId, rows)), ...(from > 0 ? { since: from } : {}) };
  };
  /** Rows of events ('e'), undos ('u') and a checkpoint ('c') as a log's parts, each event's row checked. */
  const checkRows = async (
    learnerId: string,
    rows: readonly { kind: string | null; event_id: string | null; event: unknown }[],
  ) => {
    const corrupt = (eventId: string, problem: string) =>
      new PacekitError(
        'CORRUPT_STORAGE',
        `Stored data for learner "${learnerId}" in ${where} is not a Pacekit log (row with event_id ${JSON.stringify(eventId)}: ${problem}); it was left untouched`,
        { learnerId, eventId },
      );
    const checked: unknown[] = [];
    const gone: string[] = [];
    let checkpoint: unknown;
    const yieldTurn = createYielder(undefined, SLICE_MS);
    for (const [i, r] of rows.entries()) {
      // A million rows are checked in slices, the event loop free in between.
      if ((i & 1023) === 0) await yieldTurn();
      if (r.kind === 'u') gone.push(r.event_id!);
      else if (r.kind === 'c') checkpoint = jsonb(r.event) ?? r.event;
      else if (r.kind === 'e') {
        // A row holding a JSON string (given as text, it does not parse) is corrupt.
        const event = jsonb(r.event);
        if (event === undefined) throw corrupt(r.event_id!, 'the event is not a JSON object');
        const id = (event as { id?: unknown } | null)?.id;
        if (id !== r.event_id) throw corrupt(r.event_id!, `the event's id is ${JSON.stringify(id)}`);
        checked.push(event);
      }
    }
    return { events: checked, undone: gone, ...(checkpoint !== undefined ? { checkpoint } : {}) };
  };
  const read = async (learnerId: string, since: number): Promise<StoredLog> =>
    parseStoredLogInSlices(learnerId, await readRaw(learnerId, since), where);
  /** The latest checkpoint and the saves after it (events and checkpoint checked together). */
  const load = async (learnerId: string): Promise<StoredLog> =>
    parseStoredLogInSlices(learnerId, await readRaw(learnerId, 'checkpoint'), where);
  return {
    schema,
    setup: async () => {
      // One statement, one transaction, under an advisory lock: servers starting together on a
      // fresh database take turns instead of racing CREATE TABLE into a unique violation.
      await client.query(
        `DO $setup$ BEGIN PERFORM pg_advisory_xact_lock(hashtext(${quote(`pacekit setup ${prefix}`)})); ${schema.join('; ')}; END $setup$`,
      );
    },
    load,
    changesSince: read,
    saveCheckpoint: async (learnerId, checkpoint) => {
      await client.query(
        `INSERT INTO ${checkpoints} (learner_id, version, checkpoint) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (learner_id) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint
         WHERE ${checkpoints}.version < excluded.version`,
        [learnerId, checkpoint.version, JSON.stringify(checkpoint)],
      );
    },
    append: async (learnerId, change, expectedVersion) => {
      // The log is two grow-only sets, so the change is stored whatever the version is now.
      // Named as a read's rows, so they are checked as a read's are.
      const { rows } = await client.query<{
        kind: string;
        version: number;
        event_id: string | null;
        event: unknown;
      }>(
        `SELECT out_kind AS kind, out_version AS version, out_id AS event_id, out_event AS event FROM ${append}($1, $2, $3::jsonb, $4::jsonb, $5::jsonb)`,
        [
          learnerId,
          expectedVersion,
          JSON.stringify(change.add),
          JSON.stringify(change.undo),
          change.checkpoint?.version === expectedVersion + 1 ? JSON.stringify(change.checkpoint) : null,
        ],
      );
      const saved = rows[0]?.version;
      if (saved === expectedVersion + 1) return { ok: true };
      // Others saved since `expectedVersion`: what they and this save added, read under the lock.
      if (saved !== undefined) {
        const parts = await checkRows(learnerId, rows.slice(1));
        const merged = await parseStoredLogInSlices(
          learnerId,
          { version: saved, ...parts, since: expectedVersion },
          where,
        );
        return { ok: true, merged };
      }
      // No learner row (removed under the store): nothing was saved.
      return { ok: false, current: await read(learnerId, expectedVersion) };
    },
  };
}
