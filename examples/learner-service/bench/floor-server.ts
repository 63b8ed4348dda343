// The floor under the load benchmark: a server that does nothing but what HTTP costs (parse the
// body, answer), and with FLOOR_QUERY=1 one `SELECT 1` on the PostgreSQL server per request. Run
// in place of the service (LOAD_SERVER=bench/floor-server.ts … bench:load) it measures what this
// machine allows the four instances, the 200 clients and PostgreSQL sharing its cores.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';

const app = new Hono();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const query = process.env.FLOOR_QUERY === '1';
let count = 0;
app.post('/learners/:id/events', async (c) => {
  const body = JSON.parse(await c.req.text());
  const n = Array.isArray(body) ? body.length : 1;
  if (query) await pool.query('SELECT 1');
  count += n;
  return c.json({ learnerId: c.req.param('id'), eventCount: count, recorded: n });
});
// The warm-up probe expects 404; the final check reads a count (this server keeps none).
app.get('/learners/:id', (c) =>
  c.req.param('id') === 'warm-up' ? c.json({}, 404) : c.json({ eventCount: 0 }),
);
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });
process.once('SIGTERM', () => process.exit(0));
