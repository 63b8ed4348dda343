import { createLearnerStore, selectMastery } from '@pacekit/core';
import { describe, expect, it, vi } from 'vitest';
import { attempt, bkt, items, skills, T0 } from './__fixtures__/course';
import { createPacer } from './createPacer';
import { selectNextActivity, selectSessionPlan } from './selections';

describe('selections over a store', () => {
  it('recompute next activity and plans on change, and announce only real changes', async () => {
    const pacer = createPacer({ skills, items, bkt });
    const store = createLearnerStore({ learner: pacer.learner, learnerId: 'ada' });
    const next = selectNextActivity(store, pacer, { now: T0 + 60_000 });
    const plan = selectSessionPlan(store, pacer, { now: T0 + 60_000, minutes: 5 });
    const mastery = selectMastery(store, 'count');
    const heard = vi.fn();
    next.subscribe(heard);
    const first = next.get();
    expect(first).toEqual(pacer.next(store.getSnapshot(), { now: T0 + 60_000 }));
    expect(next.get()).toBe(first);
    await store.record(attempt('count-mid', false, T0));
    expect(next.get()).toEqual(pacer.next(store.getSnapshot(), { now: T0 + 60_000 }));
    expect(plan.get()).toEqual(pacer.sessionPlan(store.getSnapshot(), { now: T0 + 60_000, minutes: 5 }));
    expect(mastery.get()).toEqual({
      pMastery: pacer.learner.mastery(store.getSnapshot(), 'count'),
      mastered: false,
      attempts: 1,
    });
    // A mood report changes the state but not the recommendations: no announcement.
    const calls = heard.mock.calls.length;
    await store.record({ id: 'mood', learnerId: 'ada', at: T0 + 1, type: 'self-report', mood: 'neutral' });
    expect(heard.mock.calls.length).toBe(calls);
  });
});
