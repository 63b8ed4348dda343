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
 * a row per undo, and the latest checkpoint. A save is one statement that bumps the version
 * (the learner's row lock orders concurrent saves) and inserts the new events and undos under
 * it; it merges on write, so a server that was behind is answered with what the others saved
 * instead of trying again, and a save writes only what it adds. The checkpoint it carries is
 * stored only when the save lands right after the version it was folded from.
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
    return {
      version,
      events: checked,
      undone: gone,
      ...(from > 0 ? { since: from } : {}),
      ...(checkpoint !== undefined ? { checkpoint } : {}),
    };
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
      if (expectedVersion === 0) {
        await client.query(
          `INSERT INTO ${learners} (learner_id, version) VALUES ($1, 0) ON CONFLICT (learner_id) DO NOTHING`,
          [learnerId],
        );
      }
      // The log is two grow-only sets, so the change is stored whatever the version is now.
      const { rows } = await client.query<{ version: number }>(
        `WITH bumped AS (
           UPDATE ${learners} SET version = version + 1, updated_at = now() WHERE learner_id = $1 RETURNING version
         ), added AS (
           INSERT INTO ${events} (learner_id, event_id, event, version)
           SELECT $1, e->>'id', e, bumped.version FROM jsonb_array_elements($3::jsonb) AS e, bumped
           ON CONFLICT DO NOTHING
         ), removed AS (
           INSERT INTO ${undone} (learner_id, event_id, version)
           SELECT $1, u, bumped.version FROM jsonb_array_elements_text($4::jsonb) AS u, bumped
           ON CONFLICT DO NOTHING
         ), kept AS (
           INSERT INTO ${checkpoints} (learner_id, version, checkpoint)
           SELECT $1, bumped.version, $5::jsonb FROM bumped WHERE $5::jsonb IS NOT NULL AND bumped.version = $2 + 1
           ON CONFLICT (learner_id) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint
         )
         SELECT version FROM bumped`,
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
      // Others saved since `expectedVersion`: what they and this save added.
      if (saved !== undefined) return { ok: true, merged: await read(learnerId, expectedVersion) };
      // No learner row (removed under the store): nothing was saved.
      return { ok: false, current: await read(learnerId, expectedVersion) };
    },
  };
}
