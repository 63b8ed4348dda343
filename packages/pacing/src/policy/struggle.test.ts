import type { EventInput } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { bkt, items, skills, T0 } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import { needsHelp, struggleOn } from './struggle';

const pacer = createPacer({ skills, items, bkt });
const MIN = 60_000;
let n = 0;
const miss = (itemId: string, at: number): EventInput => ({
  id: `m${n++}`,
  learnerId: 'ada',
  at,
  type: 'attempt',
  itemId,
  correct: false,
});

describe('struggle state', () => {
  it('opens at the first miss, breaks at 5 misses in a row for 2 other attempts, and flags needs-help when wheel-spinning', () => {
    let state = pacer.learner.initialState('ada');
    for (let i = 0; i < 4; i++) state = pacer.learner.apply(state, miss('count-mid', T0 + i * MIN) as never);
    expect(struggleOn(state, 'count')).toMatchObject({
      attempts: 4,
      missesInRow: 4,
      breakAt: null,
      breaks: 0,
    });
    state = pacer.learner.apply(state, miss('count-easy', T0 + 4 * MIN) as never);
    // The fifth miss in a row (breakAfter 5) starts a break of 2 attempts on other skills.
    expect(struggleOn(state, 'count')).toMatchObject({
      missesInRow: 5,
      breakAt: T0 + 4 * MIN,
      breakLeft: 2,
      breaks: 1,
      lastMissedItemId: 'count-easy',
    });
    // An attempt on another skill counts the break down.
    state = pacer.learner.apply(state, {
      id: 'other',
      learnerId: 'ada',
      at: T0 + 5 * MIN,
      type: 'attempt',
      itemId: 'card-1',
      skillIds: ['add'],
      correct: true,
    } as never);
    expect(struggleOn(state, 'count')!.breakLeft).toBe(1);
    expect(needsHelp(state).map((s) => s.skillId)).toEqual([]);
    // Back from the break, misses 6 and 7 do not call for help yet; the third more (8) does.
    for (let i = 6; i <= 7; i++)
      state = pacer.learner.apply(state, miss('count-mid', T0 + (i + 1) * MIN) as never);
    expect(struggleOn(state, 'count')).toMatchObject({ missesInRow: 7, breaks: 1, needsHelpAt: null });
    state = pacer.learner.apply(state, miss('count-mid', T0 + 15 * MIN) as never);
    expect(struggleOn(state, 'count')).toMatchObject({
      missesInRow: 8,
      breaks: 1,
      needsHelpAt: T0 + 15 * MIN,
    });
    // The tenth miss in a row is a second break.
    state = pacer.learner.apply(state, miss('count-mid', T0 + 16 * MIN) as never);
    state = pacer.learner.apply(state, miss('count-mid', T0 + 17 * MIN) as never);
    expect(struggleOn(state, 'count')).toMatchObject({ missesInRow: 10, breaks: 2, breakLeft: 2 });
    expect(needsHelp(state).map((s) => s.skillId)).toEqual(['count']);
  });

  it('ends the episode when the skill is mastered or a teacher steps in', () => {
    let state = pacer.learner.initialState('ada');
    state = pacer.learner.apply(state, miss('count-mid', T0) as never);
    expect(struggleOn(state, 'count')).toBeDefined();
    state = pacer.learner.apply(state, {
      id: 'o1',
      learnerId: 'ada',
      at: T0 + 1,
      type: 'override',
      action: 'mark-mastered',
      skillId: 'count',
    } as never);
    expect(struggleOn(state, 'count')).toBeUndefined();
    let other = pacer.learner.initialState('ada');
    other = pacer.learner.apply(other, miss('count-mid', T0) as never);
    for (let i = 1; i <= 6; i++)
      other = pacer.learner.apply(other, {
        id: `r${i}`,
        learnerId: 'ada',
        at: T0 + i,
        type: 'attempt',
        itemId: 'count-mid',
        correct: true,
      } as never);
    expect(pacer.learner.isMastered(other, 'count')).toBe(true);
    expect(struggleOn(other, 'count')).toBeUndefined();
  });

  it('a right answer resets the misses in a row but keeps the episode (attempts since the first miss)', () => {
    let state = pacer.learner.initialState('ada');
    state = pacer.learner.apply(state, miss('count-mid', T0) as never);
    state = pacer.learner.apply(state, miss('count-mid', T0 + 1) as never);
    state = pacer.learner.apply(state, {
      id: 'ok',
      learnerId: 'ada',
      at: T0 + 2,
      type: 'attempt',
      itemId: 'count-mid',
      correct: true,
    } as never);
    expect(struggleOn(state, 'count')).toMatchObject({ attempts: 3, missesInRow: 0, since: T0 });
  });
});
