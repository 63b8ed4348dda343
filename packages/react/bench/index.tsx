// `pnpm bench` for the store and @pacekit/react: record throughput with a subscribed selector,
// and re-renders per event on a page of 100 mastery components (React 19, jsdom).
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><div id="root"></div>');
Object.assign(globalThis, {
  window: dom.window,
  document: dom.window.document,
  IS_REACT_ACT_ENVIRONMENT: true,
});
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true });

const { act, createElement, version } = await import('react');
const { createRoot } = await import('react-dom/client');
const { createLearnerStore, createPacer, PacekitProvider, useMastery } = await import('@pacekit/react');

const skills = Array.from({ length: 100 }, (_, i) => ({ id: `s${i}` }));
const items = skills.map((s) => ({ id: `q-${s.id}`, skills: [s.id] }));
const pacer = createPacer({ skills, items, bkt: { kind: 'bkt', schemaVersion: 1, skills: {} } });
const t0 = Date.UTC(2026, 0, 1);
const log = (line = '') => console.log(line);

// Throughput: events recorded one after another (each validated, folded and persisted to
// memory storage), with a selector subscribed.
{
  const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
  const mastery = store.select((s) => s.skills.s0?.pMastery ?? 0);
  let heard = 0;
  mastery.subscribe(() => heard++);
  const count = 50_000;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    await store.record({
      id: `e${i}`,
      learnerId: 'ada',
      at: t0 + i * 1000,
      type: 'attempt',
      itemId: `q-s${i % 100}`,
      correct: i % 3 !== 0,
    });
  }
  const seconds = (performance.now() - start) / 1000;
  log('## Store and @pacekit/react');
  log();
  log('### `store.record` throughput, one selector subscribed');
  log();
  log(
    `${count.toLocaleString('en')} attempts on 100 skills, each awaited: ${Math.round(count / seconds).toLocaleString('en')} events/s (${((seconds / count) * 1e6).toFixed(1)} µs per event); the selector on s0 fired ${heard} times (once per change of s0).`,
  );
}

// Re-renders per event: 100 components, one per skill, each reading useMastery(itsSkill).
{
  const store = createLearnerStore({ learner: pacer.learner, learnerId: 'bo' });
  let renders = 0;
  function Mastery({ skillId }: { skillId: string }) {
    renders++;
    const { pMastery } = useMastery(skillId);
    return createElement('span', null, pMastery.toFixed(3));
  }
  const root = createRoot(document.getElementById('root')!);
  await act(async () => {
    root.render(
      createElement(
        PacekitProvider,
        { store, pacer },
        ...skills.map((s) => createElement(Mastery, { key: s.id, skillId: s.id })),
      ),
    );
  });
  const initial = renders;
  const events = 1000;
  const start = performance.now();
  for (let i = 0; i < events; i++) {
    await act(() =>
      store.record({
        id: `r${i}`,
        learnerId: 'bo',
        at: t0 + i * 1000,
        type: 'attempt',
        itemId: `q-s${(i * 37) % 100}`,
        correct: i % 4 !== 0,
      }),
    );
  }
  const ms = performance.now() - start;
  log();
  log('### Re-renders per event, a page of 100 `useMastery` components');
  log();
  log(
    `React ${version}: ${events} events, ${renders - initial} component renders: ${((renders - initial) / events).toFixed(2)} re-renders per event (100 would mean every component re-rendered); ${(ms / events).toFixed(2)} ms per event including React's commit.`,
  );
  root.unmount();
}
