import type { EventInput } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { attempt, bkt, items, skills, T0 } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import { needsHelp, struggleOn } from './struggle';

const pacer = createPacer({ skills, items, bkt });
const MIN = 60_000;
/** An attempt of learner "ada" (the course fixture's), argument order of these tests. */
const answer = (itemId: string, at: number, correct: boolean): EventInput => attempt(itemId, correct, at);
const miss = (itemId: string, at: number): EventInput => answer(itemId, at, false);

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

  it('flags wheel-spinning at 10 attempts on a skill without mastery when most were missed, not when half were right', () => {
    // Miss, miss, right, …: never 5 misses in a row, so no break; 7 of 10 missed.
    let state = pacer.learner.initialState('ada');
    for (let i = 0; i < 9; i++)
      state = pacer.learner.apply(state, answer('subtract-mid', T0 + i * MIN, i % 3 === 2) as never);
    expect(struggleOn(state, 'subtract')).toMatchObject({
      attempts: 9,
      misses: 6,
      breaks: 0,
      needsHelpAt: null,
    });
    state = pacer.learner.apply(state, answer('subtract-mid', T0 + 9 * MIN, false) as never);
    expect(pacer.learner.isMastered(state, 'subtract')).toBe(false);
    expect(struggleOn(state, 'subtract')).toMatchObject({
      attempts: 10,
      misses: 7,
      needsHelpAt: T0 + 9 * MIN,
    });
    // Miss, right, …: 5 of 10 missed is not most; no break either — not flagged.
    let even = pacer.learner.initialState('ada');
    for (let i = 0; i < 10; i++)
      even = pacer.learner.apply(even, answer('subtract-hard', T0 + i * MIN, i % 2 === 1) as never);
    expect(needsHelp(even)).toEqual([]);
    // An episode folded before misses were counted (no `misses`) is not judged on them.
    const old = pacer.learner.initialState('ada');
    let legacy = pacer.learner.apply(old, answer('subtract-mid', T0, false) as never);
    const slice = legacy.extensions.struggle as { skills: { misses?: number }[] };
    delete slice.skills[0]!.misses;
    for (let i = 1; i < 10; i++)
      legacy = pacer.learner.apply(legacy, answer('subtract-mid', T0 + i * MIN, i % 3 === 2) as never);
    expect(struggleOn(legacy, 'subtract')).toMatchObject({ attempts: 10, needsHelpAt: null });
    expect(struggleOn(legacy, 'subtract')!.misses).toBeUndefined();
  });

  it('flags a learner stalled across skills: 20 attempts with nothing mastered and fewer than half right', () => {
    // Four skills in turn, one answer in three right: no skill reaches 10 attempts, 3 misses in a
    // row or a break; after 20 attempts, 14 missed and nothing mastered.
    const skillsInTurn = ['subtract', 'multiply', 'add', 'fractions'];
    const turn = (i: number) => answer(`${skillsInTurn[i % 4]}-mid`, T0 + i * MIN, i % 3 === 2);
    let state = pacer.learner.initialState('ada');
    for (let i = 0; i < 19; i++) state = pacer.learner.apply(state, turn(i) as never);
    expect(needsHelp(state)).toEqual([]);
    state = pacer.learner.apply(state, turn(19) as never);
    expect(skillsInTurn.some((s) => pacer.learner.isMastered(state, s))).toBe(false);
    expect(state.extensions.struggle).toMatchObject({ attemptsSinceMastery: 20, rightSinceMastery: 6 });
    expect(needsHelp(state).map((s) => [s.skillId, s.needsHelpAt])).toEqual([['fractions', T0 + 19 * MIN]]);
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
