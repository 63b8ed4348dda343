import type { EventInput, LearnerState } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { attempt, bkt, DAY, items, skills, T0 } from '../../__fixtures__/course';
import { createPacer, type PacerOptions } from '../../createPacer';
import { struggleOf } from '../struggle';

const MIN = 60_000;
const answer = (itemId: string, at: number, correct: boolean): EventInput => attempt(itemId, correct, at);

function fold(pacer: ReturnType<typeof createPacer>, events: EventInput[]): LearnerState {
  return events.reduce(
    (state, event) => pacer.learner.apply(state, event as never),
    pacer.learner.initialState('ada'),
  );
}

/** Day 1: `count` mastered in four right answers, then `add` until minute 19, ending right. */
const firstSession = (): EventInput[] => [
  ...[0, 1, 2, 3].map((m) => answer('count-mid', T0 + m * MIN, true)),
  ...[4, 7, 10, 13, 16].map((m) => answer('add-mid', T0 + m * MIN, false)),
  answer('add-easy', T0 + 19 * MIN, true),
];
const boosted = (pacer: ReturnType<typeof createPacer>, state: LearnerState, now: number) =>
  pacer.next(state, { now, limit: 20 }).some((r) => r.reasons.some((c) => c.code === 'confidence-boost'));
const pacerWith = (policy: PacerOptions['policy'] = {}) => createPacer({ skills, items, bkt, policy });

describe('sessions and early stops', () => {
  it('ends a session at a pause of sessionGapMinutes and keeps the usual length from sessions that did not stop early', () => {
    const pacer = pacerWith();
    let state = fold(pacer, firstSession());
    expect(struggleOf(state).session).toEqual({
      start: T0,
      last: T0 + 19 * MIN,
      ended: 0,
      usualMinutes: null,
      earlyStopAt: null,
    });
    // A 10-minute session the next day, ending right: not early; usual = max(10, 0.7 × 19 + 0.3 × 10).
    state = fold(pacer, [
      ...firstSession(),
      answer('add-mid', T0 + DAY, false),
      answer('add-mid', T0 + DAY + 10 * MIN, true),
      answer('add-mid', T0 + 2 * DAY, true),
    ]);
    expect(struggleOf(state).session).toEqual({
      start: T0 + 2 * DAY,
      last: T0 + 2 * DAY,
      ended: 2,
      usualMinutes: 0.7 * 19 + 0.3 * 10,
      earlyStopAt: null,
    });
  });

  it('counts a short session that ended in two misses as an early stop, and a full-length one as not', () => {
    const pacer = pacerWith();
    const shortStop = fold(pacer, [
      ...firstSession(),
      answer('add-mid', T0 + DAY, false),
      answer('add-mid', T0 + DAY + MIN, false),
      answer('add-easy', T0 + 2 * DAY, true),
    ]);
    expect(struggleOf(shortStop).session).toMatchObject({ ended: 2, usualMinutes: 19, earlyStopAt: 2 });
    // 19 minutes (not under 0.8 × 19) ending in two misses: the session was over, not given up.
    const fullStop = fold(pacer, [
      ...firstSession(),
      answer('add-mid', T0 + DAY, true),
      answer('add-mid', T0 + DAY + 18 * MIN, false),
      answer('add-mid', T0 + DAY + 19 * MIN, false),
      answer('add-easy', T0 + 2 * DAY, true),
    ]);
    expect(struggleOf(fullStop).session).toMatchObject({ ended: 2, usualMinutes: 19, earlyStopAt: null });
  });
});

describe('quick wins after misses (boostFor)', () => {
  // Day 2, two misses in a row on `add`: the moment for a quick win on `count`.
  const dayTwo = [answer('add-mid', T0 + DAY, false), answer('add-mid', T0 + DAY + MIN, false)];
  const now = T0 + DAY + 2 * MIN;

  it('offers one in the first session, when nothing is known of the learner yet', () => {
    const pacer = pacerWith();
    const state = fold(pacer, [
      ...firstSession().slice(0, 4),
      ...[5, 6].map((m) => answer('add-mid', T0 + m * MIN, false)),
    ]);
    expect(struggleOf(state).missesInRow).toBe(2);
    expect(boosted(pacer, state, T0 + 7 * MIN)).toBe(true);
  });

  it('keeps the minute for learning for a learner who has not stopped early, unless boostFor is everyone', () => {
    const state = fold(pacerWith(), [...firstSession(), ...dayTwo]);
    expect(struggleOf(state).missesInRow).toBe(2);
    expect(boosted(pacerWith(), state, now)).toBe(false);
    expect(boosted(pacerWith({ boostFor: 'everyone' }), state, now)).toBe(true);
  });

  it('offers one to a learner who reported frustration', () => {
    const pacer = pacerWith();
    const state = fold(pacer, [
      ...firstSession(),
      ...dayTwo,
      { id: 'mood', learnerId: 'ada', at: T0 + DAY + MIN + 1, type: 'self-report', mood: 'frustrated' },
    ]);
    expect(boosted(pacer, state, now)).toBe(true);
  });

  it('offers one to a learner flagged as needing help', () => {
    const pacer = pacerWith();
    // Day 2 on `add`: right, then ten misses — a second break, so needs-help — then a right
    // answer and two misses again.
    const events = [
      answer('add-easy', T0 + DAY, true),
      ...Array.from({ length: 10 }, (_, i) =>
        answer(i % 2 ? 'add-mid' : 'add-hard', T0 + DAY + (i + 1) * MIN, false),
      ),
      answer('add-easy', T0 + DAY + 11 * MIN, true),
      answer('add-mid', T0 + DAY + 12 * MIN, false),
      answer('add-hard', T0 + DAY + 13 * MIN, false),
    ];
    const state = fold(pacer, [...firstSession(), ...events]);
    expect(struggleOf(state).session).toMatchObject({ ended: 1, earlyStopAt: null });
    expect(pacer.needsHelp(state).map((s) => s.skillId)).toEqual(['add']);
    expect(struggleOf(state).missesInRow).toBe(2);
    expect(boosted(pacer, state, T0 + DAY + 14 * MIN)).toBe(true);
  });

  it('offers them for boostSessions sessions after an early stop', () => {
    const early = [answer('add-mid', T0 + DAY, false), answer('add-mid', T0 + DAY + MIN, false)];
    // Sessions of 19 minutes ending right, one a day; then a right answer and two misses.
    const fullDays = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => [
        answer('add-easy', T0 + (from + i) * DAY, true),
        answer('add-easy', T0 + (from + i) * DAY + 19 * MIN, true),
      ]).flat();
    const missesOn = (day: number) => [
      answer('add-easy', T0 + day * DAY, true),
      answer('add-mid', T0 + day * DAY + MIN, false),
      answer('add-mid', T0 + day * DAY + 2 * MIN, false),
    ];
    const pacer = pacerWith({ boostSessions: 3 });
    // Early stop ends session 2; day 3 is session 3 (1 since the stop): quick wins on.
    const soon = fold(pacer, [...firstSession(), ...early, ...missesOn(2)]);
    expect(struggleOf(soon).session).toMatchObject({ ended: 2, earlyStopAt: 2 });
    expect(boosted(pacer, soon, T0 + 2 * DAY + 3 * MIN)).toBe(true);
    // Three full sessions later (ended 5, 3 since the stop = boostSessions): off again.
    const later = fold(pacer, [...firstSession(), ...early, ...fullDays(2, 3), ...missesOn(5)]);
    expect(struggleOf(later).session).toMatchObject({ ended: 5, earlyStopAt: 2 });
    expect(boosted(pacer, later, T0 + 5 * DAY + 3 * MIN)).toBe(false);
  });
});
