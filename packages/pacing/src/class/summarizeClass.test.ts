import { createRandom, type LearnerState } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { createPacer } from '../createPacer';
import { layeredCourse } from '../sim/courses';
import { followPacer } from '../sim/follow';
import { createPopulation } from '../sim/learners';
import { summarizeClass } from './summarizeClass';

const course = layeredCourse();
const pacer = createPacer({
  skills: course.skills,
  items: course.items.map(({ difficulty: _d, ...item }) => item),
  bkt: {
    kind: 'bkt',
    schemaVersion: 1,
    skills: {},
    defaultParams: { pInit: 0.05, pLearn: 0.2, pGuess: 0.18, pSlip: 0.1 },
  },
});
const DAY = 86_400_000;
const start = Date.UTC(2026, 2, 2, 9);

/** A class of 30 simulated learners, two days of 20 minutes; learners 0, 7, 14, 21 and 28 can never learn. */
function simulateClass(): { states: LearnerState[]; strugglers: string[] } {
  const population = createPopulation({ size: 30, seed: 3 });
  const strugglers: string[] = [];
  const states = population.map((learner, i) => {
    if (i % 7 === 0) {
      learner.learnRate = 0;
      strugglers.push(learner.id);
    }
    return followPacer({
      pacer,
      learner,
      random: createRandom(9).fork(i),
      start,
      days: 2,
      minutes: 20,
      stepMs: 60_000,
    }).state;
  });
  return { states, strugglers };
}

describe('summarizeClass', () => {
  const { states, strugglers } = simulateClass();
  const now = start + DAY + 21 * 60_000;
  const summary = summarizeClass(states, pacer, { now, oneOnOneLimit: 30 });

  it('puts every learner made to struggle in the one-on-one list before anyone less in need, each with why', () => {
    const order = summary.oneOnOne.map((o) => o.learnerId);
    for (const id of strugglers) expect(order).toContain(id);
    const lastStruggler = Math.max(...strugglers.map((id) => order.indexOf(id)));
    // Ahead of a struggler there is nobody on track, and nobody flagged for a lesser reason.
    for (const o of summary.oneOnOne.slice(0, lastStruggler + 1))
      expect(['needs-help', 'struggling', 'low-success']).toContain(o.reasons[0]!.code);
    for (const l of summary.learners.filter((l) => l.status === 'on-track'))
      expect(order).not.toContain(l.learnerId);
    for (const id of strugglers) {
      const learner = summary.learners.find((l) => l.learnerId === id)!;
      expect(['needs-help', 'struggling', 'low-success']).toContain(learner.status);
    }
    // The default list is the five most pressing.
    expect(summarizeClass(states, pacer, { now }).oneOnOne.map((o) => o.learnerId)).toEqual(
      order.slice(0, 5),
    );
  });

  it('groups exactly the learners whose outer fringe holds the skill, and those stuck on it', () => {
    const fringe = new Map<string, string[]>();
    for (const state of states)
      for (const skillId of pacer.graph.outerFringe((id) => pacer.learner.isMastered(state, id)))
        fringe.set(skillId, [...(fringe.get(skillId) ?? []), state.learnerId]);
    const ready = summary.groups.filter((g) => g.kind === 'ready');
    expect(ready.length).toBeGreaterThan(0);
    for (const [skillId, ids] of fringe) {
      const group = ready.find((g) => g.skillId === skillId);
      if (ids.length >= 2) expect(group?.learnerIds).toEqual(ids);
      else expect(group).toBeUndefined();
    }
    // Stuck groups: exactly the learners flagged on the skill.
    for (const group of summary.groups.filter((g) => g.kind === 'stuck'))
      expect(group.learnerIds).toEqual(
        summary.learners
          .filter((l) =>
            l.reasons.some(
              (r) => (r.code === 'needs-help' || r.code === 'struggling') && r.skillId === group.skillId,
            ),
          )
          .map((l) => l.learnerId),
      );
    expect(
      summary.groups.find((g) => g.kind === 'stuck' && g.skillId === 's0')!.learnerIds.length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('gives a skill × learner matrix that tells struggling from untouched, and skills mastered per day', () => {
    const { mastery, masteredPerDay } = summary;
    expect(mastery.learnerIds).toEqual(states.map((s) => s.learnerId));
    expect(mastery.skillIds).toEqual(pacer.graph.topologicalOrder);
    for (const [l, state] of states.entries())
      for (const [s, skillId] of mastery.skillIds.entries()) {
        expect(mastery.pMastery[l]![s]).toBe(pacer.learner.mastery(state, skillId));
        expect(mastery.status[l]![s] === 'mastered').toBe(pacer.learner.isMastered(state, skillId));
      }
    const struggler = mastery.learnerIds.indexOf(strugglers[0]!);
    expect(mastery.status[struggler]![0]).toBe('struggling');
    expect(mastery.status[struggler]![39]).toBe('not-started');
    // Per day, over the class, equals the sum over learners; and equals the masteredAt dates.
    expect(masteredPerDay.days).toHaveLength(14);
    const total = masteredPerDay.class.reduce((a, b) => a + b, 0);
    const byLearner = Object.values(masteredPerDay.byLearner)
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(byLearner);
    const counted = states.reduce(
      (n, st) =>
        n + Object.values(st.skills).filter((k) => k.masteredAt !== null && k.masteredAt >= start).length,
      0,
    );
    expect(total).toBe(counted);
  });

  it('says not-started, inactive and low-confidence when they hold, and validates its options', () => {
    const fresh = pacer.learner.initialState('new');
    const shy = pacer.learner.apply(fresh, {
      id: 'c',
      learnerId: 'new',
      at: start,
      type: 'self-report',
      confidence: 0.1,
    } as never);
    const s = summarizeClass([fresh, shy], pacer, { now: start + 10 * DAY });
    expect(s.learners[0]).toMatchObject({ status: 'not-started', reasons: [] });
    expect(s.learners[1]!.reasons.map((r) => r.code)).toEqual(['low-confidence', 'inactive']);
    expect(() => summarizeClass([], pacer, { now: -1 })).toThrow(/now/);
  });
});

describe('forClass', () => {
  it('makes one event per learner, each with its own id, that the fold accepts', async () => {
    const { forClass } = await import('./forClass');
    const events = forClass(['ada', 'bo'], {
      id: 'unit-1',
      at: start,
      type: 'override',
      action: 'focus',
      skillIds: ['s3'],
    });
    expect(events.map((e) => [e.id, e.learnerId])).toEqual([
      ['unit-1:ada', 'ada'],
      ['unit-1:bo', 'bo'],
    ]);
    const bo = pacer.learner.replay('bo', [events[1]!, events[1]!]);
    expect(bo.eventCount).toBe(1);
  });
});

describe('describeClassReason', () => {
  it('puts every reason in a teacher’s words, with skill names and numbers', async () => {
    const { describeClassReason } = await import('./describeClassReason');
    const name = (id: string) => (id === 'add' ? 'Adding' : id);
    expect(describeClassReason({ code: 'needs-help', skillId: 'add', since: 0, attempts: 14 }, name)).toBe(
      'Needs help with Adding: 14 attempts without mastering it.',
    );
    expect(describeClassReason({ code: 'low-success', rate: 0.18, attempts: 40 })).toBe(
      'Only 18% right over 40 attempts: may be guessing.',
    );
    const { states } = simulateClass();
    const reasons = summarizeClass(states, pacer, { now: start + 3 * DAY }).learners.flatMap(
      (l) => l.reasons,
    );
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons) expect(describeClassReason(r).length).toBeGreaterThan(10);
  });
});
