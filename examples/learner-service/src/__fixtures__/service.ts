import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { createSqlStorage, type SqlClient } from '@pacekit/core/sql';
import type { Pacer } from '@pacekit/pacing';
import pg from 'pg';
import { createApp } from '../app';
import { createSqlRosters } from '../classes';

/** A fresh database: a new one on the PostgreSQL server `pnpm test:postgres` started, else PGlite. */
export async function freshDatabase(): Promise<SqlClient & { close: () => Promise<void> }> {
  const url = process.env.PACEKIT_TEST_POSTGRES_URL;
  if (!url) return new PGlite();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `pacekit_service_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url.replace(/\/[^/]*$/, `/${name}`), max: 20 });
  return { query: (text, params) => pool.query(text, params) as never, close: () => pool.end() };
}

/**
 * The real service on a loopback port over a fresh database (PGlite, or a real PostgreSQL server
 * under `pnpm test:postgres`); `stop()` closes both.
 */
export async function startService(
  pacer: Pacer,
  clock: () => number,
): Promise<{ base: string; stop: () => Promise<void> }> {
  const db = await freshDatabase();
  const storage = createSqlStorage({ client: db });
  await storage.setup();
  const rosters = createSqlRosters(db);
  await rosters.setup();
  await rosters.setup(); // twice: setup is idempotent
  const app = createApp({ storage, rosters, pacer, clock });
  let server: ReturnType<typeof serve> | undefined;
  const base = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve(`http://127.0.0.1:${info.port}`),
    );
  });
  return {
    base,
    stop: async () => {
      await new Promise((resolve) => server!.close(resolve));
      await db.close();
    },
  };
}
