// End-to-end tests of the practice app in a real Chromium (Debian's, driven by playwright-core),
// on a 390 × 844 phone and a 1280 × 900 desktop: no horizontal overflow, no serious or critical
// axe-core violation, answers announced, a struggling learner offered a way out, flashcards
// counted right in either place, the learner's own voice kept on reload, a teacher's dashboard
// and actions, two tabs in sync, screenshots. Prints "N passed, N failed".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { STRUGGLERS } from '../src/classroom';
import { questionFor, skills } from '../src/course';

const CHROMIUM = '/usr/bin/chromium';
const root = fileURLToPath(new URL('..', import.meta.url));
const out = fileURLToPath(new URL('../../../test-output/', import.meta.url));
const docs = fileURLToPath(new URL('../../../docs/', import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
const browser: Browser = await chromium.launch({
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

const mastery = async (page: Page, skillId: string) =>
  Number(await page.getByTestId(`mastery-${skillId}`).getAttribute('data-p'));
const prompt = (page: Page) => page.getByTestId('prompt');

/** Answers the question shown, right or wrong, and waits for the announcement. Returns the item. */
async function answer(page: Page, right: boolean): Promise<string> {
  const itemId = (await prompt(page).getAttribute('data-item'))!;
  const count = Number(await page.getByTestId('feedback').getAttribute('data-count'));
  await page.getByTestId('answer').fill(right ? questionFor(itemId).answer : '999');
  await page.getByTestId('check').click();
  // A new announcement, about this answer.
  await page.locator(`[data-testid="feedback"][data-count="${count + 1}"]`).waitFor();
  const said = await page.getByRole('status').innerText();
  expect(said.includes(right ? 'Right!' : 'Not quite'), `announced: ${said}`);
  return itemId;
}

/** On the teacher page: pins a question or card of a skill, and waits until it shows as pinned. */
async function pin(page: Page, skillId: string, itemId: string): Promise<void> {
  await page.getByTestId(`pin-item-${skillId}`).selectOption(itemId);
  await page.getByTestId(`pin-${skillId}`).click();
  await page.getByTestId(`unpin-${itemId}`).waitFor();
}

/** The page is no wider than its viewport: nothing to scroll sideways. */
async function expectNoOverflow(page: Page, where: string) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll <= width, `${where}: the page is ${scroll} px wide in a ${width} px viewport`);
}

/** axe-core finds no serious or critical violation on the page as it is. */
async function expectAccessible(page: Page, where: string) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page.
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations.length === 0, `${where}: axe-core found\n      ${violations.join('\n      ')}`);
}

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

const SIZES = [
  { name: 'phone', width: 390, height: 844, shot: 'practice-app-phone' },
  { name: 'desktop', width: 1280, height: 900, shot: 'practice-app' },
] as const;

for (const size of SIZES) {
  console.log(`${size.name} (${size.width} × ${size.height})`);
  const viewport = { width: size.width, height: size.height };
  const context = await browser.newContext({
    viewport,
    ...(size.name === 'phone' ? { hasTouch: true, isMobile: true } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  await prompt(page).waitFor();
  const at = (name: string) => `${size.name}: ${name}`;

  await test(at('the first screen fits, is accessible, and starts where a new learner should'), async () => {
    await expectNoOverflow(page, 'first screen');
    await expectAccessible(page, 'first screen');
    const first = (await prompt(page).getAttribute('data-item'))!.split('#')[0]!;
    expect(first === 'equal-parts', `a new learner starts with the skill that needs nothing: got ${first}`);
    const reasons = await page.getByTestId('reasons').innerText();
    expect(/good place to start/.test(reasons), `the first reason explains the start: ${reasons}`);
    const shown = await page.locator('#practice').innerText();
    expect(!/%|chance|remediate/.test(shown), `no percentages or policy words for the learner: ${shown}`);
    // Controls are big enough to touch (at least 24 px; the stylesheet asks for 44).
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, a')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 24 || box.height < 24))
        .map(({ el }) => el.outerHTML.slice(0, 80)),
    );
    expect(small.length === 0, `controls under 24 px: ${small.join(' | ')}`);
  });

  await test(
    at('answering right raises mastery and is announced; a wrong answer is announced and lowers it'),
    async () => {
      const before = await mastery(page, 'equal-parts');
      await answer(page, true);
      await page.waitForFunction(
        (b) =>
          Number(document.querySelector('[data-testid="mastery-equal-parts"]')!.getAttribute('data-p')) > b,
        before,
      );
      const status = await page.getByRole('status').innerText();
      expect(status.includes('Right!'), `the live region says so: ${status}`);
      const after = await mastery(page, 'equal-parts');
      const itemId = await answer(page, false);
      const announced = await page.getByRole('status').innerText();
      expect(
        announced.includes('Not quite') && announced.includes(questionFor(itemId).answer),
        `a wrong answer is announced with the right one: ${announced}`,
      );
      await page.waitForFunction(
        (a) => document.querySelector('[data-testid="mastery-equal-parts"]')!.getAttribute('data-p') !== a,
        String(after),
      );
      expect((await mastery(page, 'equal-parts')) < after, 'a wrong answer lowers mastery');
      await expectAccessible(page, 'after answering');
      // Typing the next answer starts afresh: what was said about the last one goes.
      await page.getByTestId('answer').fill('1');
      await page.waitForFunction(
        () => document.querySelector('[data-testid="feedback"]')!.textContent === '',
      );
      await page.getByTestId('answer').fill('');
      await expectNoOverflow(page, 'after answering');
    },
  );

  await test(at('mastering a skill is celebrated, and the next skill opens'), async () => {
    for (let i = 0; i < 12 && (await mastery(page, 'equal-parts')) < 0.95; i++) await answer(page, true);
    await page.getByTestId('celebration').filter({ hasText: 'You mastered Equal parts' }).waitFor();
    await page.getByTestId('mastery-equal-parts').filter({ hasText: 'Mastered' }).waitFor();
    const next = (await prompt(page).getAttribute('data-item'))!.split('#')[0];
    expect(next !== 'equal-parts', `a mastered skill makes way for the next: ${next}`);
  });

  await test(
    at('reload keeps the goal, the confidence and the interests, in the form and shown back'),
    async () => {
      await page.getByTestId('interest-space').check();
      await page.getByTestId('confidence').fill('0.7');
      await page.getByTestId('save-confidence').click();
      await page.getByTestId('told').filter({ hasText: 'quite sure' }).waitFor();
      await page.getByTestId('goal-skill').selectOption('multiply');
      await page.getByTestId('goal-date').fill('2031-06-30');
      await page.getByTestId('set-goal').click();
      await page.getByTestId('goal').filter({ hasText: 'Multiplying fractions' }).waitFor();
      await waitSaved(page, '"deadline"');
      await waitSaved(page, '"confidence":0.7');
      await waitSaved(page, '"interests":["space"]');
      await page.reload();
      await prompt(page).waitFor();
      const goal = await page.getByTestId('goal').innerText();
      expect(
        /Multiplying fractions by 2031-06-30/.test(goal) && /to go/.test(goal),
        `the goal and its plan: ${goal}`,
      );
      expect(
        (await page.getByTestId('goal-skill').inputValue()) === 'multiply',
        'the goal form keeps the skill',
      );
      expect(
        (await page.getByTestId('goal-date').inputValue()) === '2031-06-30',
        'the goal form keeps the date',
      );
      expect((await page.getByTestId('confidence').inputValue()) === '0.7', 'the slider keeps what was told');
      expect(await page.getByTestId('interest-space').isChecked(), 'the interest stays checked');
      const told = await page.getByTestId('told').innerText();
      expect(
        told.includes('quite sure') && told.includes('space'),
        `what the learner said, shown back: ${told}`,
      );
    },
  );

  await test(at('a flashcard counts as right in the deck and in the practice box'), async () => {
    // The deck: turn the card, say "Got it".
    const card = page.getByTestId('card-card#half');
    const before = await mastery(page, 'equal-parts');
    await card.getByRole('button', { name: /^What is a half/ }).click();
    await card.getByText('One of two equal parts').waitFor();
    // Each rating names its card.
    await card.getByRole('button', { name: 'Got it: What is a half, as a fraction?' }).click();
    await card.getByText('seen 1×').waitFor();
    expect((await mastery(page, 'equal-parts')) >= before, 'a remembered card is not a miss');
    await waitSaved(page, '"rating":"good"');
    // The practice box: a teacher pins the card; the learner types its answer.
    await page.getByTestId('to-dashboard').click();
    await pin(page, 'unit-fractions', 'card#quarter');
    await page.getByTestId('to-practice').click();
    await page.locator('[data-testid="prompt"][data-item="card#quarter"]').waitFor();
    expect((await prompt(page).innerText()).includes('What is a quarter'), 'the practice box shows the card');
    const p = await mastery(page, 'unit-fractions');
    await answer(page, true);
    await page.waitForFunction(
      (b) =>
        Number(document.querySelector('[data-testid="mastery-unit-fractions"]')!.getAttribute('data-p')) > b,
      p,
    );
    await page.getByTestId('to-dashboard').click();
    await page.getByTestId('unpin-card#quarter').click();
    await page.getByTestId('pin-unit-fractions').waitFor();
    await page.getByTestId('to-practice').click();
    await prompt(page).waitFor();
  });

  await test(
    at('the teacher pins any question, marks and undoes, keeps notes that survive a reload'),
    async () => {
      await page.getByTestId('to-dashboard').click();
      await pin(page, 'compare', 'compare#5');
      await page.getByTestId('mark-simplify').click();
      await page.getByTestId('unmark-simplify').click();
      await page.getByTestId('mark-simplify').waitFor();
      await page.getByTestId('note-text').fill('Use the pizza cards');
      await page.getByTestId('add-note').click();
      await page.getByTestId('notes').filter({ hasText: 'Use the pizza cards' }).waitFor();
      await expectAccessible(page, 'teacher view');
      await waitSaved(page, 'Use the pizza cards');
      await page.reload();
      await page.getByTestId('notes').filter({ hasText: 'Use the pizza cards' }).waitFor();
      await page.getByTestId('to-practice').click();
      await page.locator('[data-testid="prompt"][data-item="compare#5"]').waitFor();
      const reasons = await page.getByTestId('reasons').innerText();
      expect(reasons.includes('Your teacher picked this'), `the pin says so: ${reasons}`);
      await page.getByTestId('to-dashboard').click();
      await page.getByTestId('unpin-compare#5').click();
      await page.getByTestId('mark-simplify').waitFor();
      await page.getByTestId('to-practice').click();
    },
  );

  await test(at('the learner chooses among options, and a pick comes first'), async () => {
    // Unit fractions, marked mastered, opens two skills: something to choose among.
    await page.getByTestId('to-dashboard').click();
    await page.getByTestId('mark-unit-fractions').click();
    await page.getByTestId('unmark-unit-fractions').waitFor();
    await page.getByTestId('to-practice').click();
    const choices = page.getByTestId('choices').getByRole('button');
    await choices.first().waitFor();
    const items = await choices.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-item')!));
    expect(items.length >= 2 && items.length <= 3, `two or three choices: ${items}`);
    expect(
      new Set(items.map((i) => i.split('#')[0])).size === items.length,
      `each of a different skill: ${items}`,
    );
    const last = items.at(-1)!;
    await choices.last().click();
    await page.locator(`[data-testid="prompt"][data-item="${last}"]`).waitFor();
    expect(
      (await page.getByTestId('reasons').innerText()).includes('You picked this one.'),
      'the pick says so',
    );
  });

  await test(
    at('the teacher dashboard shows who needs help first and why, the groups and the matrix'),
    async () => {
      await page.getByTestId('to-dashboard').click();
      const first = page.getByTestId('one-on-one').locator(':scope > li');
      await first.first().waitFor();
      const order = await first.evaluateAll((items) => items.map((li) => li.getAttribute('data-learner')!));
      for (const id of STRUGGLERS) expect(order.includes(id), `${id}, who cannot learn, is listed: ${order}`);
      const why = await first.evaluateAll((items) => items.map((li) => li.querySelectorAll('li').length));
      const lastStruggler = Math.max(...STRUGGLERS.map((id) => order.indexOf(id)));
      for (let i = 0; i <= lastStruggler; i++) expect(why[i]! > 0, `learner ${order[i]} is listed with why`);
      expect((await page.getByTestId('groups').innerText()).includes('Ready for'), 'a ready group');
      const rows = page.getByTestId('matrix').locator('tbody tr');
      expect((await rows.count()) === 25, `25 rows (24 pupils and this learner): ${await rows.count()}`);
      expect(
        (await rows.last().getAttribute('data-learner')) === 'me',
        'the learner of the page is in the class',
      );
      await expectNoOverflow(page, 'dashboard');
      await expectAccessible(page, 'dashboard');
      mkdirSync(out, { recursive: true });
      await page.screenshot({ path: `${out}dashboard-${size.name}.png`, fullPage: true });
      if (process.env.UPDATE_SCREENSHOT)
        await page.screenshot({
          path: `${docs}${size.shot.replace('app', 'dashboard')}.png`,
          fullPage: false,
        });
      await page.getByTestId('to-practice').click();
      await prompt(page).waitFor();
    },
  );

  await test(at('a second tab stays in sync with the first'), async () => {
    const other = await context.newPage();
    other.setDefaultTimeout(10_000);
    await other.goto(url);
    await prompt(other).waitFor();
    await page.getByTestId('to-dashboard').click();
    await page.getByTestId('mark-compare').click();
    await other.getByTestId('mastery-compare').filter({ hasText: 'Mastered' }).waitFor();
    await other.getByTestId('interest-food').check();
    await page.getByTestId('to-practice').click();
    await page.getByTestId('interest-food').and(page.locator(':checked')).waitFor();
    await other.close();
  });

  await test(at('takes screenshots of the practice page'), async () => {
    mkdirSync(out, { recursive: true });
    await page.screenshot({ path: `${out}${size.shot}.png`, fullPage: true });
    // The README's pictures change only when asked, so that running the tests changes no tracked file.
    if (process.env.UPDATE_SCREENSHOT)
      await page.screenshot({ path: `${docs}${size.shot}.png`, fullPage: false });
    expect(existsSync(`${out}${size.shot}.png`), 'the screenshot was written');
  });
  await context.close();

  // A learner who gets everything wrong, in a context of their own (a fresh IndexedDB).
  const strugglingContext = await browser.newContext({ viewport });
  const struggling = await strugglingContext.newPage();
  struggling.setDefaultTimeout(10_000);
  await struggling.goto(url);
  await prompt(struggling).waitFor();
  await test(
    at('a learner who answers everything wrong never loops on one question and is offered a way out'),
    async () => {
      const prompts: string[] = [];
      const labels = new Set<string>();
      let helped = false;
      for (let i = 0; i < 14; i++) {
        prompts.push(await prompt(struggling).innerText());
        labels.add((await struggling.getByTestId('activity').innerText()).split(':')[0]!);
        helped ||= await struggling.getByTestId('help').isVisible();
        await answer(struggling, false);
      }
      for (let i = 2; i < prompts.length; i++)
        expect(
          !(prompts[i] === prompts[i - 1] && prompts[i] === prompts[i - 2]),
          `the same question three times in a row: ${prompts[i]}`,
        );
      expect(labels.has('An easier one'), `an easier item is offered: ${[...labels]}`);
      expect(labels.has('Here is how'), `a worked example is offered: ${[...labels]}`);
      expect(helped, 'the learner is told a teacher will help');
      await expectAccessible(struggling, 'struggling');
      await struggling.getByTestId('to-dashboard').click();
      const me = struggling.getByTestId('one-on-one').locator('li[data-learner="me"]');
      await me.waitFor();
      expect((await me.innerText()).includes('Equal parts'), `the teacher sees why: ${await me.innerText()}`);
    },
  );
  await strugglingContext.close();
}

// The narrowest phone: nothing to scroll sideways at 320 px either.
{
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(url);
  await prompt(page).waitFor();
  await test('320 px: the practice page and the dashboard fit', async () => {
    await expectNoOverflow(page, 'practice page');
    await page.getByTestId('to-dashboard').click();
    await page.getByTestId('matrix').waitFor();
    await expectNoOverflow(page, 'dashboard');
  });
  await context.close();
}

// Fitting in the browser: the course's model fitted on Web Workers (`fitBktInWorkers`).
{
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  let workers = 0;
  page.on('worker', () => workers++);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(new URL('fit.html', url).href);
  await test('fits a model on Web Workers, the same model as on one thread', async () => {
    const result = page.getByTestId('fit-result');
    await result.waitFor();
    const said = await result.innerText();
    expect((await result.getAttribute('data-same')) === 'true', `the same model: ${said}`);
    expect(Number(await result.getAttribute('data-skills')) === skills.length, `every skill: ${said}`);
    const threads = Number(await result.getAttribute('data-threads'));
    expect(workers === threads - 1, `${threads - 1} workers started (saw ${workers})`);
    expect(errors.length === 0, `no page errors: ${errors.join('; ')}`);
  });
  await context.close();
}

await browser.close();
await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
const failed = results.filter((r) => r.error).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
