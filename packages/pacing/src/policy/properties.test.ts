import type { EventInput, LearnerState } from '@pacekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bkt, items, skills, T0 } from '../__fixtures__/course';
import { createPacer, type Pacer } from '../createPacer';
import type { Recommendation } from './next';
import { DEFAULT_POLICY_TUNING } from './options';
import { pickOf } from './pick';
import type { Reason } from './reasons';
import { struggleOn } from './struggle';
import { pinActive, teacherOf } from './teacher';

const pacer = createPacer({
  skills,
  items: [...items, { id: 'count-lesson', skills: ['count'], modality: 'lesson' }],
  bkt,
});
const MIN = 60_000;
const HOUR = 3_600_000;

/** Whether a reason's condition holds for its recommendation: the truth of every reason, checked from the state. */
function holds(p: Pacer, state: LearnerState, rec: Recommendation, reason: Reason, now: number): boolean {
  const item = p.catalog.get(rec.itemId);
  switch (reason.code) {
    case 'teacher-pinned':
      return state.pinned.includes(reason.ref) && pinActive(state, reason.ref, now);
    case 'teacher-sequence': {
      const sequence = teacherOf(state).sequence ?? [];
      return (
        sequence.length === reason.of &&
        sequence[reason.step - 1] === rec.skillId &&
        sequence.slice(0, reason.step - 1).every((id) => p.learner.isMastered(state, id))
      );
    }
    case 'learner-picked':
      return pickOf(state).itemId === reason.itemId && rec.itemId === reason.itemId;
    case 'due-review': {
      const card = p.memory(state).skills[rec.skillId]!.card;
      return (
        reason.retrievability === p.skillScheduler.retrievability(card, now) &&
        reason.retrievability <= reason.desiredRetention &&
        p.learner.isMastered(state, rec.skillId)
      );
    }
    case 'prerequisite-check': {
      const s = struggleOn(state, reason.dependantId);
      return (
        s !== undefined &&
        s.missesInRow === reason.failures &&
        reason.failures >= 2 &&
        p.graph.prerequisitesOf(reason.dependantId).some((q) => q.skillId === rec.skillId) &&
        reason.pNotKnown > 0 &&
        reason.pNotKnown < 1
      );
    }
    case 'after-struggle': {
      const s = struggleOn(state, reason.skillId);
      return (
        s !== undefined &&
        s.missesInRow === reason.failures &&
        reason.failures > 0 &&
        reason.skillId === rec.skillId
      );
    }
    case 'low-confidence':
      return reason.confidence < 0.3 && reason.skillId === rec.skillId;
    case 'taking-a-break': {
      const s = struggleOn(state, reason.fromSkillId);
      return (
        s !== undefined &&
        reason.fromSkillId !== rec.skillId &&
        s.breakLeft === reason.attemptsLeft &&
        s.breakLeft > 0 &&
        s.breakAt !== null &&
        now - s.breakAt < 30 * MIN
      );
    }
    case 'confidence-boost':
      return (
        reason.missesInRow === 2 &&
        (state.extensions.struggle as { missesInRow: number }).missesInRow === reason.missesInRow &&
        p.learner.isMastered(state, rec.skillId)
      );
    case 'instruction':
      return (
        DEFAULT_POLICY_TUNING.instructionModalities.includes(item.modality) &&
        item.modality === reason.modality
      );
    case 'needs-help':
      return struggleOn(state, reason.skillId)?.needsHelpAt === reason.since && reason.since !== null;
    case 'ready-to-learn':
      return (
        !p.learner.isMastered(state, rec.skillId) &&
        p.graph.prerequisitesOf(rec.skillId).every((q) => p.learner.isMastered(state, q.skillId))
      );
    case 'toward-goal':
      return state.goals[reason.goalId] !== undefined;
    case 'at-target-difficulty':
      return (
        Math.abs(reason.predictedSuccess - reason.targetSuccess) <= 0.1 + 1e-12 &&
        reason.predictedSuccess === rec.predictedSuccess
      );
    case 'after-success-streak':
      return (state.skills[rec.skillId]?.streak ?? 0) === reason.streak && reason.streak >= 2;
    case 'mood':
      return state.affect.mood?.value === reason.mood && now - state.affect.mood.at <= HOUR;
    case 'matches-interest':
      return (
        reason.topics.length > 0 &&
        reason.topics.every((t) => item.topics.includes(t) && state.interests.includes(t))
      );
    case 'preferred-modality':
      return state.preferredModalities.includes(item.modality) && item.modality === reason.modality;
    case 'all-mastered':
      return p.graph.outerFringe((id) => p.learner.isMastered(state, id)).length === 0;
  }
}

const itemIds = pacer.catalog.items.map((i) => i.id);
const eventArb = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('attempt' as const),
      itemId: fc.constantFrom(...itemIds),
      correct: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('self-report' as const),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('self-report' as const),
      mood: fc.constantFrom('frustrated', 'bored', 'engaged'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('self-report' as const), interests: fc.constant(['space']) }),
  },
);
const history = fc.array(fc.tuple(eventArb, fc.integer({ min: 1, max: 3 * HOUR })), { maxLength: 60 });

function replay(events: [Record<string, unknown>, number][]): { state: LearnerState; now: number } {
  let at = T0;
  const input: EventInput[] = events.map(([e, gap], i) => {
    at += gap;
    return { ...e, id: `e${i}`, learnerId: 'ada', at } as EventInput;
  });
  return { state: pacer.learner.replay('ada', input), now: at + MIN };
}

describe('next() properties', () => {
  it('every reason it gives is true of its recommendation, and predictions are probabilities', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 0, max: 5 * 86_400_000 }), (events, later) => {
        const { state, now } = replay(events);
        for (const rec of pacer.next(state, { now: now + later, limit: 10 })) {
          expect(rec.predictedSuccess).toBeGreaterThanOrEqual(0);
          expect(rec.predictedSuccess).toBeLessThanOrEqual(1);
          expect(Number.isFinite(rec.score)).toBe(true);
          for (const reason of rec.reasons)
            expect([reason.code, holds(pacer, state, rec, reason, now + later)]).toEqual([reason.code, true]);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('never recommends remediating a skill mastered and verified in the last day', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { state, now } = replay(events);
        for (const rec of pacer.next(state, { now, limit: 10 })) {
          if (rec.kind !== 'remediate') continue;
          const s = state.skills[rec.skillId];
          const verified =
            s !== undefined && s.streak > 0 && s.lastAttemptAt !== null && now - s.lastAttemptAt <= 24 * HOUR;
          expect(pacer.learner.isMastered(state, rec.skillId) && verified).toBe(false);
        }
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('is deterministic: the same state, time and seed give the same list', () => {
    fc.assert(
      fc.property(history, fc.integer(), (events, seed) => {
        const { state, now } = replay(events);
        expect(pacer.next(state, { now, seed, limit: 10 })).toEqual(
          pacer.next(state, { now, seed, limit: 10 }),
        );
      }),
      { numRuns: 100, seed: 13 },
    );
  });
});

describe('a learner who answers everything wrong', () => {
  // Count is mastered by a teacher; "add" (three items) is then the only skill ready.
  const run = (steps: number) => {
    let state = pacer.learner.apply(pacer.learner.initialState('ada'), {
      id: 'm',
      learnerId: 'ada',
      at: T0,
      type: 'override',
      action: 'mark-mastered',
      skillId: 'count',
    } as never);
    const seen: Recommendation[] = [];
    let now = T0 + MIN;
    for (let i = 0; i < steps; i++) {
      const [top] = pacer.next(state, { now });
      if (!top) break;
      seen.push(top);
      state = pacer.learner.apply(state, {
        id: `w${i}`,
        learnerId: 'ada',
        at: now,
        type: 'attempt',
        itemId: top.itemId,
        correct: false,
      } as never);
      now += 2 * MIN;
    }
    return { seen, state };
  };

  it('never gets the same item twice in a row while the skill has another', () => {
    const { seen } = run(40);
    for (let i = 1; i < seen.length; i++) {
      if (
        pacer.catalog.itemsForSkill(seen[i]!.skillId).length > 1 &&
        seen[i]!.skillId === seen[i - 1]!.skillId
      )
        expect(seen[i]!.itemId).not.toBe(seen[i - 1]!.itemId);
    }
  });

  it('gets no more than 3 remediations in a row without another skill or a needs-help signal', () => {
    const { seen, state } = run(60);
    for (let i = 3; i < seen.length; i++) {
      const window = seen.slice(i - 3, i + 1);
      if (window.every((r) => r.kind === 'remediate' && r.skillId === window[0]!.skillId))
        expect(
          window.some((r) =>
            r.reasons.some(
              (x) => x.code === 'needs-help' || x.code === 'instruction' || x.code === 'prerequisite-check',
            ),
          ),
        ).toBe(true);
    }
    // Stuck for good: the state says so, for a teacher.
    expect(pacer.needsHelp(state).map((s) => s.skillId)).toContain('add');
  });
});

describe('predictions follow the learner', () => {
  it('a learner who keeps missing is predicted to do worse than the model’s average learner', () => {
    let state = pacer.learner.initialState('ada');
    const fresh = pacer.predict(state, 'count-mid');
    for (let i = 0; i < 12; i++)
      state = pacer.learner.apply(state, {
        id: `x${i}`,
        learnerId: 'ada',
        at: T0 + i * MIN,
        type: 'attempt',
        itemId: 'count-mid',
        correct: false,
      } as never);
    const bktOnly = pacer.learner.predict(state, 'count-mid');
    expect(pacer.predict(state, 'count-mid')).toBeLessThan(bktOnly);
    expect(pacer.predict(state, 'count-mid')).toBeLessThan(fresh);
  });

  it('replay equals incremental apply, with the struggle and pace slices', () => {
    const events: EventInput[] = Array.from(
      { length: 30 },
      (_, i) =>
        ({
          id: `y${i}`,
          learnerId: 'ada',
          at: T0 + i * MIN,
          type: 'attempt',
          itemId: itemIds[i % itemIds.length]!,
          correct: i % 3 === 0,
        }) as EventInput,
    );
    let state = pacer.learner.initialState('ada');
    for (const e of events) state = pacer.learner.apply(state, e as never);
    expect(pacer.learner.replay('ada', [...events].reverse())).toEqual(state);
  });
});
