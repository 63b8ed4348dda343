import type { SqlClient } from '@pacekit/core/sql';

/** Where class rosters live. */
export interface ClassRosters {
  /** Creates the table when missing (safe to run from several instances at once). */
  setup(): Promise<void>;
  /** Creates or replaces a class's roster. */
  put(classId: string, learnerIds: readonly string[]): Promise<void>;
  /** The roster, or undefined for an unknown class. */
  get(classId: string): Promise<string[] | undefined>;
}

/** Rosters in a `pacekit_classes` table on the same database as the learner logs. */
export function createSqlRosters(client: SqlClient): ClassRosters {
  return {
    setup: async () => {
      // Under an advisory lock, in one statement: instances starting together on a fresh
      // database take turns instead of racing CREATE TABLE into a unique violation.
      await client.query(
        "DO $setup$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('pacekit setup classes')); CREATE TABLE IF NOT EXISTS pacekit_classes (class_id TEXT PRIMARY KEY, learner_ids JSONB NOT NULL); END $setup$",
      );
    },
    put: async (classId, learnerIds) => {
      await client.query(
        'INSERT INTO pacekit_classes (class_id, learner_ids) VALUES ($1, $2) ON CONFLICT (class_id) DO UPDATE SET learner_ids = EXCLUDED.learner_ids',
        [classId, JSON.stringify(learnerIds)],
      );
    },
    get: async (classId) => {
      const { rows } = await client.query<{ learner_ids: unknown }>(
        'SELECT learner_ids FROM pacekit_classes WHERE class_id = $1',
        [classId],
      );
      if (rows.length === 0) return undefined;
      const raw = rows[0]!.learner_ids;
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as string[];
    },
  };
}
