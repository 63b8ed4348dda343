import { act, cleanup, render, screen } from '@testing-library/react';
import { type ReactNode, StrictMode, version } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLearnerStore,
  createPacer,
  type EventInput,
  PacekitProvider,
  useGoalPlan,
  useLearner,
  useMastery,
  useNextActivity,
  useRecord,
  useSessionPlan,
  useUndo,
} from './index';

const pacer = createPacer({
  skills: [{ id: 'a' }, { id: 'b' }, { id: 'c', prerequisites: ['a'] }],
  items: [
    { id: 'qa', skills: ['a'] },
    { id: 'qb', skills: ['b'] },
    { id: 'qc', skills: ['c'] },
  ],
  bkt: {
    kind: 'bkt',
    schemaVersion: 1,
    skills: {},
    defaultParams: { pInit: 0.3, pLearn: 0.3, pGuess: 0.2, pSlip: 0.1 },
  },
});
const T0 = Date.UTC(2026, 0, 5, 9);
let n = 0;
const attempt = (itemId: string, correct = true): EventInput => ({
  id: `e${n++}`,
  learnerId: 'ada',
  at: T0 + n * 1000,
  type: 'attempt',
  itemId,
  correct,
});
const renders: Record<string, number> = {};
afterEach(cleanup);

function MasteryOf({ skillId }: { skillId: string }) {
  renders[skillId] = (renders[skillId] ?? 0) + 1;
  const { pMastery, mastered } = useMastery(skillId);
  return (
    <p data-testid={skillId}>
      {pMastery.toFixed(3)} {mastered ? 'mastered' : 'learning'}
    </p>
  );
}

function Next() {
  const [first] = useNextActivity({ now: T0 + 3_600_000 });
  const plan = useSessionPlan({ now: T0 + 3_600_000, minutes: 3 });
  const interests = useLearner((s) => s.interests);
  return (
    <p data-testid="next">
      {first?.itemId} {first?.reasons[0]?.code} {plan.steps.length} {interests.join(',')}
    </p>
  );
}

function Goal() {
  const plan = useGoalPlan({ now: T0 + 3_600_000 });
  return (
    <p data-testid="goal">
      {plan ? `${plan.goalId}: ${plan.remainingSkills.join(',')} ${plan.feasible}` : 'no goal'}
    </p>
  );
}

let undoFromHook: ((eventId?: string) => Promise<boolean>) | undefined;
function Undoer() {
  undoFromHook = useUndo();
  return null;
}

let recordFromHook: ((event: EventInput) => Promise<unknown>) | undefined;
function Recorder() {
  recordFromHook = useRecord();
  return null;
}

for (const strict of [false, true]) {
  const wrap = (node: ReactNode) => (strict ? <StrictMode>{node}</StrictMode> : node);

  describe(`@pacekit/react on React ${version}${strict ? ' in StrictMode' : ''}`, () => {
    it('re-renders a useMastery("a") component only when skill a changes', async () => {
      const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
      for (const key of Object.keys(renders)) delete renders[key];
      render(
        wrap(
          <PacekitProvider store={store} pacer={pacer}>
            <MasteryOf skillId="a" />
            <MasteryOf skillId="b" />
            <Recorder />
          </PacekitProvider>,
        ),
      );
      const initial = { a: renders.a!, b: renders.b! };
      expect(screen.getByTestId('a').textContent).toBe('0.300 learning');
      await act(() => store.record(attempt('qb')));
      await act(() => store.record(attempt('qb')));
      expect(renders.a).toBe(initial.a);
      expect(renders.b).toBeGreaterThan(initial.b);
      await act(async () => {
        await recordFromHook!(attempt('qa'));
      });
      expect(renders.a).toBeGreaterThan(initial.a);
      // 0.3 → posterior 0.27/0.41 → 0.6585… + 0.3414… × 0.3
      const posterior = (0.3 * 0.9) / (0.3 * 0.9 + 0.7 * 0.2);
      expect(screen.getByTestId('a').textContent).toBe(
        `${(posterior + (1 - posterior) * 0.3).toFixed(3)} learning`,
      );
    });

    it('updates recommendations, plans and slices after record', async () => {
      const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
      render(
        wrap(
          <PacekitProvider store={store} pacer={pacer}>
            <Next />
          </PacekitProvider>,
        ),
      );
      const before = screen.getByTestId('next').textContent;
      await act(() =>
        store.record({ id: `i${n++}`, learnerId: 'ada', at: T0, type: 'self-report', interests: ['space'] }),
      );
      await act(() =>
        store.record({
          id: `o${n++}`,
          learnerId: 'ada',
          at: T0 + 1,
          type: 'override',
          action: 'mark-mastered',
          skillId: 'a',
        }),
      );
      const after = screen.getByTestId('next').textContent;
      expect(after).not.toBe(before);
      expect(after).toContain('space');
      expect(after).toMatch(/ready-to-learn/);
    });

    it('undoes a teacher’s mark-mastered by its event id', async () => {
      const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
      render(
        wrap(
          <PacekitProvider store={store} pacer={pacer}>
            <MasteryOf skillId="b" />
            <Undoer />
          </PacekitProvider>,
        ),
      );
      await act(() =>
        store.record({
          id: 'mark-b',
          learnerId: 'ada',
          at: T0,
          type: 'override',
          action: 'mark-mastered',
          skillId: 'b',
        }),
      );
      expect(screen.getByTestId('b').textContent).toContain('mastered');
      await act(async () => {
        expect(await undoFromHook!('mark-b')).toBe(true);
      });
      expect(screen.getByTestId('b').textContent).toBe('0.300 learning');
    });

    it('shows the goal plan once a goal is set (null before)', async () => {
      const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
      render(
        wrap(
          <PacekitProvider store={store} pacer={pacer}>
            <Goal />
          </PacekitProvider>,
        ),
      );
      expect(screen.getByTestId('goal').textContent).toBe('no goal');
      await act(() =>
        store.record({
          id: `g${n++}`,
          learnerId: 'ada',
          at: T0,
          type: 'goal',
          goalId: 'c-by-friday',
          skillIds: ['c'],
          deadline: T0 + 4 * 86_400_000,
        }),
      );
      expect(screen.getByTestId('goal').textContent).toBe('c-by-friday: a,c true');
    });
  });
}

describe(`@pacekit/react on React ${version}: server and errors`, () => {
  it('renders on the server from the store snapshot', async () => {
    const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
    await store.record(attempt('qa'));
    const html = renderToString(
      <PacekitProvider store={store} pacer={pacer}>
        <MasteryOf skillId="a" />
        <Next />
      </PacekitProvider>,
    );
    expect(html).toContain('learning');
    expect(html).toContain('data-testid="next"');
  });

  it('says clearly when a hook is used outside the provider', () => {
    const spy = console.error;
    console.error = () => undefined;
    try {
      expect(() => render(<MasteryOf skillId="a" />)).toThrow(
        'useMastery() must be used inside <PacekitProvider store={…}>',
      );
      const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
      expect(() =>
        render(
          <PacekitProvider store={store}>
            <Next />
          </PacekitProvider>,
        ),
      ).toThrow('useNextActivity() needs <PacekitProvider pacer={…}>');
    } finally {
      console.error = spy;
    }
  });
});
