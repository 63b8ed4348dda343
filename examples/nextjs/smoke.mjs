// Smoke test of the built app (run by `pnpm test` after `next build`): starts `next start` on
// 127.0.0.1 at a free port, fetches the page, and checks that the server rendered a
// recommendation with its reasons and the client component's placeholder. Bounded: gives up
// after 60 s, and always stops the server it started.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const next = fileURLToPath(new URL('./node_modules/next/dist/bin/next', import.meta.url));
const server = spawn(process.execPath, [next, 'start', '-H', '127.0.0.1', '-p', String(port)], {
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stop = () => server.exitCode === null && server.kill('SIGTERM');
process.on('exit', stop);

const fail = (message) => {
  console.error(`nextjs smoke: ${message}`);
  stop();
  process.exit(1);
};

const deadline = Date.now() + 60_000;
let html;
while (Date.now() < deadline) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    if (response.status !== 200) fail(`GET / answered ${response.status}`);
    html = await response.text();
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
if (html === undefined) fail('the server did not answer within 60 s');

// Ada mastered nothing yet after two right answers on equal parts: her next activity is an
// equal-parts question, with a reason in words.
const activity = /data-next-activity="([^"]+)"/.exec(html);
if (!activity) fail('no recommendation in the server-rendered HTML');
if (!activity[1].startsWith('equal-parts-')) fail(`recommended ${activity[1]}, not an equal-parts question`);
const text = html.replace(/<!-- -->/g, ''); // React's separators between text nodes
if (!/\((learn|challenge|review|remediate|check)\): \S+ \S+/.test(text))
  fail('the recommendation has no reason in words');
if (!html.includes('Loading your practice')) fail('the client component did not render its placeholder');
console.log(`nextjs smoke: GET / on 127.0.0.1:${port} rendered ${activity[1]} with its reasons`);
stop();
