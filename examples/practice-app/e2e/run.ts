// End-to-end tests of the practice app in a real Chromium (Debian's, driven by playwright-core):
// answer questions right and wrong and see mastery and reasons change; reload and find the state
// intact; open a second tab and see it stay in sync; take a screenshot. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { questionFor } from '../src/course';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../../../test-output/', import.meta.url));
const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));

if (!existsSync(CHROMIUM)) {
  console.log("Chromium is missing: installing Debian's chromium (apt-get install -y chromium)…");
  execFileSync('bash', ['-c', 'apt-get update >/dev/null && apt-get install -y chromium >/dev/null'], {
    stdio: 'inherit',
  });
}

const server = await preview({
  root,
  preview: { port: 0, host: '127.0.0.1', strictPort: false },
  logLevel: 'warn',
});
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('vite preview did not report a URL');
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const context = await browser.newContext({ viewport: { width: 1180, height: 900 } });

const mastery = async (page: Page, skillId: string) =>
  Number(await page.getByTestId(`mastery-${skillId}`).getAttribute('data-p'));
async function answer(page: Page, right: boolean): Promise<string> {
  const prompt = page.getByTestId('prompt');
  const itemId = (await prompt.getAttribute('data-item'))!;
  await page.getByTestId('answer').fill(right ? questionFor(itemId).answer : 'wrong');
  await page.getByTestId('check').click();
  await page
    .getByTestId('feedback')
    .filter({ hasText: right ? 'Right!' : 'Not quite' })
    .waitFor();
  return itemId;
}

const results: { name: string; error?: unknown }[] = [];
async function test(name: string, body: () => Promise<void>) {
  try {
    await body();
    results.push({ name });
    console.log(`  ✓ ${name}`);
  } catch (error) {
    results.push({ name, error });
    console.log(
      `  ✗ ${name}\n    ${String((error as Error).stack ?? error)
        .split('\n')
        .slice(0, 4)
        .join('\n    ')}`,
    );
  }
}
const expect = (ok: boolean, message: string) => {
  if (!ok) throw new Error(message);
};

const page = await context.newPage();
page.setDefaultTimeout(10_000);
await page.goto(url);
await page.getByTestId('prompt').waitFor();

await test('answering right raises mastery; answering wrong lowers it, and the reasons say why', async () => {
  const first = (await page.getByTestId('prompt').getAttribute('data-item'))!.split('#')[0]!;
  expect(first === 'equal-parts', `a new learner starts with the skill that needs nothing: got ${first}`);
  const reasons = await page.getByTestId('reasons').innerText();
  expect(/good place to start/.test(reasons), `the first reason explains the start: ${reasons}`);
  const before = await mastery(page, 'equal-parts');
  await answer(page, true);
  await page.waitForFunction(
    (b) => Number(document.querySelector('[data-testid="mastery-equal-parts"]')!.getAttribute('data-p')) > b,
    before,
  );
  const after = await mastery(page, 'equal-parts');
  const itemId = await answer(page, false);
  const skill = itemId.split('#')[0]!;
  await page.waitForFunction(
    ([s, a]) => document.querySelector(`[data-testid="mastery-${s}"]`)!.getAttribute('data-p') !== a,
    [skill, String(after)] as const,
  );
  expect(
    (await mastery(page, skill)) < (skill === 'equal-parts' ? after : 1),
    'a wrong answer lowers mastery',
  );
  for (let i = 0; i < 6; i++) await answer(page, true);
  expect(
    (await page.getByTestId('reasons').innerText()).length > 10,
    'the next activity still explains itself',
  );
});

await test('reloading the page finds the state intact (IndexedDB)', async () => {
  const before = await page.getByTestId('mastery').innerText();
  await page.reload();
  await page.getByTestId('prompt').waitFor();
  const after = await page.getByTestId('mastery').innerText();
  expect(after === before, `mastery after reload differs:\n${before}\n---\n${after}`);
});

await test('a second tab stays in sync with the first', async () => {
  const other = await context.newPage();
  other.setDefaultTimeout(10_000);
  await other.goto(url);
  await other.getByTestId('prompt').waitFor();
  await page.getByTestId('mark-compare').click();
  await other.getByTestId('mastery-compare').filter({ hasText: '✓' }).waitFor();
  await other.getByTestId('interest-space').check();
  await page.getByTestId('interest-space').and(page.locator(':checked')).waitFor();
  await other.close();
});

await test('takes a screenshot of the page', async () => {
  await page.getByTestId('set-goal').click();
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: `${out}practice-app.png`, fullPage: true });
  // The README's picture changes only when asked, so that running the tests changes no tracked file.
  if (process.env.UPDATE_SCREENSHOT)
    await page.screenshot({ path: `${docs}practice-app.png`, fullPage: false });
  expect(existsSync(`${out}practice-app.png`), 'the screenshot was written');
});

await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
const failed = results.filter((r) => r.error).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
