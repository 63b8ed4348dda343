import { PacekitError } from '../errors';
import { EMPTY_LOG, type LearnerStorage, parseStoredLog } from '../store';

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
  /** Table name (letters, digits and underscores; default `pacekit_learner_logs`). */
  table?: string;
}

/** A {@link LearnerStorage} on a SQL database, plus the statement that creates its table. */
export interface SqlStorage extends LearnerStorage {
  /** Creates the table if it does not exist (idempotent; run at startup or in a migration). */
  setup(): Promise<void>;
  /** The `CREATE TABLE` statement, for migration tools. */
  readonly schema: string;
}

/**
 * Learner logs in PostgreSQL (or PGlite): one row per learner with a `version` column for
 * optimistic concurrency. A save is a single `UPDATE … WHERE version = $expected` (or an
 * `INSERT … ON CONFLICT DO NOTHING` for a new learner), so concurrent servers never overwrite
 * each other: the loser reads the winner's log, merges and saves again.
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
  const table = options.table ?? 'pacekit_learner_logs';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
    throw new PacekitError(
      'INVALID_INPUT',
      `createSqlStorage: "table" must be a plain SQL identifier (got ${JSON.stringify(table)})`,
    );
  }
  const { client } = options;
  const schema = `CREATE TABLE IF NOT EXISTS ${table} (
  learner_id text PRIMARY KEY,
  version integer NOT NULL CHECK (version > 0),
  log jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)`;
  const where = `table ${table}`;
  return {
    schema,
    setup: async () => {
      await client.query(schema);
    },
    load: async (learnerId) => {
      const { rows } = await client.query<{ version: number; log: unknown }>(
        `SELECT version, log FROM ${table} WHERE learner_id = $1`,
        [learnerId],
      );
      const row = rows[0];
      if (!row) return { ...EMPTY_LOG };
      const log = typeof row.log === 'string' ? JSON.parse(row.log) : row.log;
      return parseStoredLog(learnerId, { ...(log as object), version: row.version }, where);
    },
    save: async (learnerId, log, expectedVersion) => {
      const body = JSON.stringify({ events: log.events, undone: log.undone });
      const { rows } =
        expectedVersion === 0
          ? await client.query(
              `INSERT INTO ${table} (learner_id, version, log) VALUES ($1, $2, $3::jsonb) ON CONFLICT (learner_id) DO NOTHING RETURNING version`,
              [learnerId, log.version, body],
            )
          : await client.query(
              `UPDATE ${table} SET version = $2, log = $3::jsonb, updated_at = now() WHERE learner_id = $1 AND version = $4 RETURNING version`,
              [learnerId, log.version, body, expectedVersion],
            );
      if (rows.length === 1) return { ok: true };
      const { rows: current } = await client.query<{ version: number; log: unknown }>(
        `SELECT version, log FROM ${table} WHERE learner_id = $1`,
        [learnerId],
      );
      const row = current[0];
      if (!row) return { ok: false, current: { ...EMPTY_LOG } };
      const stored = typeof row.log === 'string' ? JSON.parse(row.log) : row.log;
      return {
        ok: false,
        current: parseStoredLog(learnerId, { ...(stored as object), version: row.version }, where),
      };
    },
  };
}
