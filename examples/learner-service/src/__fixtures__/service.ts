import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { serve } from '@hono/node-server';
import { createSqlStorage } from '@pacekit/core/sql';
import type { Pacer } from '@pacekit/pacing';
import { createApp } from '../app';
import { createSqlRosters } from '../classes';

/** The real service on a loopback port over a fresh PGlite database; `stop()` closes both. */
export async function startService(
  pacer: Pacer,
  clock: () => number,
): Promise<{ base: string; stop: () => Promise<void> }> {
  const db = new PGlite();
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
