// Starts the learner service: PGlite (embedded PostgreSQL) by default, a PostgreSQL server when
// DATABASE_URL is set. PORT (default 3000) and HOST (default 127.0.0.1) choose where it listens.
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { createSqlStorage, type SqlClient } from '@pacekit/core/sql';
import { createPacer } from '@pacekit/pacing';
import pg from 'pg';
import { createApp } from './app';
import { createSqlRosters } from './classes';
import { bkt, items, skills } from './course';

/** A database client: PostgreSQL from `DATABASE_URL`, else PGlite (in memory, or in PGLITE_DIR). */
export async function connect(): Promise<{ client: SqlClient; close: () => Promise<void>; kind: string }> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    return { client: pool, close: () => pool.end(), kind: 'PostgreSQL' };
  }
  const db = new PGlite(process.env.PGLITE_DIR);
  return { client: db, close: () => db.close(), kind: 'PGlite' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { client, close, kind } = await connect();
  const storage = createSqlStorage({ client });
  await storage.setup();
  const rosters = createSqlRosters(client);
  await rosters.setup();
  const app = createApp({ storage, rosters, pacer: createPacer({ skills, items, bkt }) });
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
    console.log(`learner service on http://${hostname}:${info.port} (${kind})`),
  );
  // Stop taking requests, let the ones in flight finish, then close the database.
  const shutdown = () => server.close(() => void close().then(() => process.exit(0)));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
