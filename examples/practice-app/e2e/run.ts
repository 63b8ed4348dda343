// End-to-end tests of the practice app in a real Chromium (Debian's, driven by playwright-core):
// answer questions right and wrong and see mastery and reasons change; reload and find the state
// intact; open a second tab and see it stay in sync; take a screenshot. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { STRUGGLERS } from '../src/classroom';
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
/**
 * Waits until the app's IndexedDB holds an event whose JSON contains `text`: what the page shows
 * at once is only saved a moment later, and a reload in between would test that race instead of
 * the storage.
 */
async function waitSaved(page: Page, text: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const saved = await page.evaluate(
      (needle) =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('pacekit-practice');
          open.onerror = () => resolve(false);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('events')) return resolve(false);
            const all = db.transaction('events').objectStore('events').getAll();
            all.onerror = () => resolve(false);
            all.onsuccess = () => {
              resolve(JSON.stringify(all.result).includes(needle));
              db.close();
            };
          };
        }),
      text,
    );
    if (saved) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never saved: ${text}`);
}

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

await test('the learner chooses among options, sees their goal with its plan and what they told Pacekit', async () => {
  const choices = page.getByTestId('choices').getByRole('button');
  await choices.first().waitFor();
  const items = await choices.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-item')!));
  expect(items.length >= 2 && items.length <= 3, `two or three choices: ${items}`);
  expect(
    new Set(items.map((i) => i.split('#')[0])).size === items.length,
    `each of a different skill: ${items}`,
  );
  // Pick the last: it is what the practice box asks next.
  const last = items.at(-1)!;
  await choices.last().click();
  await page.locator(`[data-testid="prompt"][data-item="${last}"]`).waitFor();
  expect(
    (await page.getByTestId('reasons').innerText()).includes('You picked this one.'),
    'the pick says so',
  );
  // A goal, shown back with its plan.
  expect((await page.getByTestId('goal').innerText()).startsWith('No goal yet'), 'no goal at first');
  await page.getByTestId('set-goal').click();
  await page.getByTestId('goal').filter({ hasText: 'skills to go' }).waitFor();
  // Confidence told, shown back, and kept on reload.
  await page.locator('input[type="range"]').fill('0.7');
  await page.getByRole('button', { name: 'Tell Pacekit' }).click();
  await page.getByTestId('told').filter({ hasText: '70% sure' }).waitFor();
  await waitSaved(page, '"confidence":0.7');
  await page.reload();
  await page.getByTestId('told').filter({ hasText: '70% sure' }).waitFor();
  expect(
    (await page.locator('input[type="range"]').inputValue()) === '0.7',
    'the slider keeps what was told',
  );
  await page.getByTestId('goal').filter({ hasText: 'skills to go' }).waitFor();
});

await test('the teacher dashboard shows who needs help first and why, the groups and the mastery matrix', async () => {
  await page.getByTestId('to-dashboard').click();
  const first = page.getByTestId('one-on-one').locator(':scope > li');
  await first.first().waitFor();
  const order = await first.evaluateAll((items) => items.map((li) => li.getAttribute('data-learner')!));
  for (const id of STRUGGLERS) expect(order.includes(id), `${id}, who cannot learn, is listed: ${order}`);
  // Nobody on track comes before them: everyone listed up to the last of them has a reason.
  const why = await first.evaluateAll((items) => items.map((li) => li.querySelectorAll('li').length));
  const lastStruggler = Math.max(...STRUGGLERS.map((id) => order.indexOf(id)));
  for (let i = 0; i <= lastStruggler; i++) expect(why[i]! > 0, `learner ${order[i]} is listed with why`);
  const groups = page.getByTestId('groups').locator('li');
  expect((await groups.count()) > 0, 'groups are listed');
  expect((await page.getByTestId('groups').innerText()).includes('Ready for'), 'a ready group');
  const rows = page.getByTestId('matrix').locator('tbody tr');
  expect((await rows.count()) === 25, `25 rows (24 pupils and this learner): ${await rows.count()}`);
  expect(
    (await rows.last().getAttribute('data-learner')) === 'me',
    'the learner of the page is in the class',
  );
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: `${out}dashboard.png`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOT)
    await page.screenshot({ path: `${docs}practice-dashboard.png`, fullPage: false });
  await page.goto(`${url}#learn`);
  await page.getByTestId('prompt').waitFor();
});

await test('a teacher can undo a mark and keep notes, and they survive a reload', async () => {
  await page.getByTestId('mark-simplify').click();
  await page.getByTestId('mastery-simplify').filter({ hasText: '✓' }).waitFor();
  await page.getByTestId('unmark-simplify').click();
  await page.getByTestId('mark-simplify').waitFor();
  expect(!(await page.getByTestId('mastery-simplify').innerText()).includes('✓'), 'the mark is undone');
  await page.getByTestId('note-text').fill('Use the pizza cards');
  await page.getByTestId('add-note').click();
  await page.getByTestId('notes').filter({ hasText: 'Use the pizza cards' }).waitFor();
  await waitSaved(page, 'Use the pizza cards');
  await page.reload();
  await page.getByTestId('notes').filter({ hasText: 'Use the pizza cards' }).waitFor();
  await page.getByTestId('mark-simplify').waitFor();
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
