#!/usr/bin/env node
// Runs a command beside a private PostgreSQL server: Debian's PostgreSQL (installed with apt-get
// when missing and this runs as root), a fresh cluster in a temporary folder owned by the
// `postgres` user, listening on a free loopback port only. The command gets the server's URL in
// PACEKIT_TEST_POSTGRES_URL; the server is stopped and its folder removed when it ends, however
// it ends. Usage: node scripts/with-postgres.mjs <command> [args…]
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error('usage: node scripts/with-postgres.mjs <command> [args…]');
  process.exit(2);
}
const root = process.getuid?.() === 0;

function postgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : undefined;
}

let bin = postgresBin();
if (!bin) {
  if (!root) {
    console.error('PostgreSQL is not installed: run `apt-get install -y postgresql` as root, then again.');
    process.exit(1);
  }
  console.log('::: installing Debian’s postgresql for the SQL tests');
  execFileSync('apt-get', ['update'], { stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', 'postgresql'], {
    stdio: 'ignore',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  bin = postgresBin();
  if (!bin)
    throw new Error('apt-get installed postgresql, but no initdb was found under /usr/lib/postgresql');
}

/** Runs a PostgreSQL program as the `postgres` user when this runs as root (initdb refuses root). */
const asPostgres = (program, args) =>
  root ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]] : [join(bin, program), args];

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'pacekit-pg-'));
chmodSync(dir, 0o777);
const data = join(dir, 'data');
const port = await freePort();
let started = false;

const stop = () => {
  if (started) {
    try {
      const [p, a] = asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      execFileSync(p, a, { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
    started = false;
  }
  rmSync(dir, { recursive: true, force: true });
};

let code = 1;
try {
  const [initdb, initArgs] = asPostgres('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
  ]);
  execFileSync(initdb, initArgs, { stdio: 'ignore' });
  const [pgCtl, ctlArgs] = asPostgres('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200 -c fsync=off`,
    'start',
  ]);
  execFileSync(pgCtl, ctlArgs, { stdio: 'ignore' });
  started = true;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  console.log(`::: PostgreSQL (${bin.split('/').at(-2)}) on 127.0.0.1:${port}`);
  const child = spawn(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, PACEKIT_TEST_POSTGRES_URL: url },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  try {
    console.error(execFileSync('cat', [join(dir, 'server.log')]).toString());
  } catch {
    // No log yet.
  }
} finally {
  stop();
}
process.exit(code);
