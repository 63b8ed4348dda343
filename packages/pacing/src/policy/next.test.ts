import type { EventInput } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { attempt, bkt, DAY, items, skills, T0 } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import { pickOf } from './pick';
import { describeReason, type Reason } from './reasons';

const pacer = createPacer({ skills, items, bkt });
const reason = <C extends Reason['code']>(reasons: Reason[], code: C) =>
  reasons.find((r) => r.code === code) as Extract<Reason, { code: C }> | undefined;
const master = (skillIds: string[], at = T0): EventInput[] =>
  skillIds.map((skillId, i) => ({
    id: `m-${skillId}`,
    learnerId: 'ada',
    at: at + i,
    type: 'override',
    action: 'mark-mastered',
    skillId,
  }));

describe('next()', () => {
  it('starts a new learner on the outer fringe, at the target success rate, with truthful reasons', () => {
    const state = pacer.learner.initialState('ada');
    const [first, ...rest] = pacer.next(state, { now: T0 });
    expect(rest).toHaveLength(0); // only "count" has every prerequisite mastered
    expect(first).toMatchObject({ skillId: 'count', kind: 'learn' });
    expect(reason(first!.reasons, 'ready-to-learn')).toEqual({ code: 'ready-to-learn', prerequisites: [] });
    const target = reason(first!.reasons, 'at-target-difficulty')!;
    expect(target.targetSuccess).toBe(0.75);
    expect(target.predictedSuccess).toBe(first!.predictedSuccess);
    // Of count's items, the one whose prediction is closest to 0.75 is chosen.
    const distances = pacer.catalog.itemsForSkill('count').map((i) => ({
      id: i.id,
      d: Math.abs(pacer.next(state, { now: T0, limit: 1 })[0]!.predictedSuccess - 0.75),
    }));
    expect(distances.length).toBeGreaterThan(1);
  });

  it('says ready-to-learn only of skills whose prerequisites are all mastered', () => {
    const state = pacer.learner.replay('ada', master(['count', 'add']));
    const recs = pacer.next(state, { now: T0 + DAY, limit: 10 });
    for (const r of recs.filter((r) => reason(r.reasons, 'ready-to-learn'))) {
      for (const p of pacer.graph.prerequisitesOf(r.skillId))
        expect(pacer.learner.isMastered(state, p.skillId)).toBe(true);
      expect(pacer.learner.isMastered(state, r.skillId)).toBe(false);
    }
    expect(recs.map((r) => r.skillId).sort()).toEqual(expect.arrayContaining(['multiply', 'subtract']));
  });

  it('recommends due reviews, and a due-review reason is really due', () => {
    const state = pacer.learner.replay('ada', master(['count', 'add', 'subtract', 'multiply', 'fractions']));
    const later = T0 + 30 * DAY;
    const recs = pacer.next(state, { now: later, limit: 10 });
    expect(recs.length).toBeGreaterThan(0);
    for (const r of recs) {
      const due = reason(r.reasons, 'due-review');
      expect(due).toBeDefined();
      const card = pacer.memory(state).skills[r.skillId]!.card;
      expect(card.due).toBeLessThanOrEqual(later);
      expect(due!.retrievability).toBe(pacer.scheduler.retrievability(card, later));
      expect(due!.retrievability).toBeLessThanOrEqual(0.9 + 1e-9);
    }
  });

  it('triggers the frustration guard after 3 misses and releases it after a success', () => {
    const misses = [
      attempt('count-easy', false, T0),
      attempt('count-hard', false, T0 + 1),
      attempt('count-mid', false, T0 + 2),
    ];
    let state = pacer.learner.replay('ada', misses);
    let [top] = pacer.next(state, { now: T0 + 10 });
    expect(top!.kind).toBe('remediate');
    expect(reason(top!.reasons, 'after-struggle')).toMatchObject({ skillId: 'count', failures: 3 });
    // An easier item: aimed at 90% success, so the easiest of count's practice items (difficulty
    // −1.5), not the one just missed; count-easy-space, a video, teaches rather than tests.
    expect(top!.itemId).toBe('count-easy');
    expect(pacer.catalog.get(top!.itemId).difficulty).toBe(-1.5);
    expect(top!.predictedSuccess).toBeGreaterThan(pacer.learner.predict(state, 'count-mid'));
    state = pacer.learner.replay('ada', [...misses, attempt('count-easy', true, T0 + 3)]);
    [top] = pacer.next(state, { now: T0 + 10 });
    expect(reason(top!.reasons, 'after-struggle')).toBeUndefined();
  });

  it('checks a prerequisite only when misses make it doubtful and a wrong answer would change the plan', () => {
    // add was learned by answers (P(L) just over 0.95), not vouched for by a teacher.
    const learned = [...master(['count']), ...[1, 2, 3].map((k) => attempt('add-mid', true, T0 + k))];
    const base = pacer.learner.replay('ada', learned);
    expect(pacer.learner.isMastered(base, 'add')).toBe(true);
    // Two days later (add no longer verified), three misses on multiply, which builds on add.
    const later = T0 + 2 * DAY;
    const misses = [0, 1, 2].map((k) => attempt(`multiply-${['mid', 'easy', 'hard'][k]}`, false, later + k));
    const state = pacer.learner.replay('ada', [...learned, ...misses]);
    const recs = pacer.next(state, { now: later + 10, limit: 10 });
    const check = recs.find((r) => reason(r.reasons, 'prerequisite-check'));
    // add is also due for review (two days on): one attempt on it serves both.
    expect(check).toMatchObject({ skillId: 'add' });
    const why = reason(check!.reasons, 'prerequisite-check')!;
    expect(why).toMatchObject({ dependantId: 'multiply', failures: 3 });
    // P(not known) = odds (1 − P(L)) / P(L) × 1.6³, as a probability.
    const p = pacer.learner.mastery(state, 'add');
    const odds = ((1 - p) / p) * 1.6 ** 3;
    expect(why.pNotKnown).toBeCloseTo(odds / (1 + odds), 12);
    // The same misses right after add was answered right: add is verified, no check.
    const fresh = pacer.learner.replay('ada', [
      ...learned,
      ...misses.map((e) => ({ ...e, at: (e.at as number) - 2 * DAY + 10 })),
    ]);
    expect(
      pacer.next(fresh, { now: T0 + 20, limit: 10 }).some((r) => reason(r.reasons, 'prerequisite-check')),
    ).toBe(false);
    // A skill a teacher marked mastered is not second-guessed.
    const vouched = pacer.learner.replay('ada', [...master(['count', 'add']), ...misses]);
    expect(
      pacer
        .next(vouched, { now: later + 10, limit: 10 })
        .some((r) => reason(r.reasons, 'prerequisite-check')),
    ).toBe(false);
  });

  it('offers distinct choices — different skills, different kinds first — and puts the learner’s pick first until done', () => {
    const state = pacer.learner.replay('ada', [
      ...master(['count', 'add']),
      ...[0, 1, 2].map((k) => attempt('multiply-mid', true, T0 + 10 + k)),
    ]);
    const later = T0 + 20 * DAY;
    const choices = pacer.next(state, { now: later, choices: 3 });
    expect(choices).toHaveLength(3);
    expect(new Set(choices.map((c) => c.skillId)).size).toBe(3);
    const ranked = pacer.next(state, { now: later, limit: 12 });
    expect(choices[0]).toEqual(ranked[0]);
    // As many kinds as the ranked list has, up to three.
    expect(new Set(choices.map((c) => c.kind)).size).toBe(
      Math.min(3, new Set(ranked.map((r) => r.kind)).size),
    );
    for (const c of choices) expect(ranked).toContainEqual(c);
    // The learner picks the last option: the state says so, and it comes first.
    const pick = choices[2]!;
    const picked = pacer.learner.apply(state, {
      id: 'pick',
      learnerId: 'ada',
      at: later,
      type: 'self-report',
      pick: pick.itemId,
    } as never);
    expect(pickOf(picked)).toEqual({ itemId: pick.itemId, at: later });
    const [first] = pacer.next(picked, { now: later + 1 });
    expect(first!.itemId).toBe(pick.itemId);
    expect(first!.reasons[0]).toEqual({ code: 'learner-picked', itemId: pick.itemId, at: later });
    // Doing it fulfils the pick.
    const done = pacer.learner.apply(picked, attempt(pick.itemId, true, later + 2) as never);
    expect(pickOf(done).itemId).toBeNull();
    expect(() =>
      pacer.learner.apply(state, {
        id: 'bad',
        learnerId: 'ada',
        at: later,
        type: 'self-report',
        pick: 'nope',
      } as never),
    ).toThrow(/nope/);
  });

  it('changes the pick with a reported mood: easier when frustrated, a challenge when bored, for an hour', () => {
    const base = [...master(['count'])];
    const mood = (value: string) =>
      ({ id: `mood-${value}`, learnerId: 'ada', at: T0 + 5, type: 'self-report', mood: value }) as EventInput;
    const calm = pacer.next(pacer.learner.replay('ada', base), { now: T0 + 10, targetSuccess: 0.4 })[0]!;
    const frustrated = pacer.next(pacer.learner.replay('ada', [...base, mood('frustrated')]), {
      now: T0 + 10,
    })[0]!;
    expect(frustrated.skillId).toBe('add');
    expect(frustrated.reasons).toContainEqual({ code: 'mood', mood: 'frustrated' });
    expect(frustrated.predictedSuccess).toBeGreaterThan(calm.predictedSuccess);
    const bored = pacer.next(pacer.learner.replay('ada', [...base, mood('bored')]), {
      now: T0 + 10,
      targetSuccess: 0.4,
    })[0]!;
    expect(bored.kind).toBe('challenge');
    expect(bored.predictedSuccess).toBeLessThan(calm.predictedSuccess);
    // An hour later the mood no longer shapes the pick.
    const later = pacer.next(pacer.learner.replay('ada', [...base, mood('bored')]), {
      now: T0 + 5 + 61 * 60_000,
    })[0]!;
    expect(later.kind).toBe('learn');
  });

  it('offers a teaching item (video, lesson) as instruction, not as practice, unless the learner prefers it', () => {
    // After three misses, the last on count-easy, an easier item is due: count-easy-space (a
    // video) is the easiest not just missed, but it teaches: an item that tests comes instead.
    const misses = [
      attempt('count-mid', false, T0),
      attempt('count-hard', false, T0 + 1),
      attempt('count-easy', false, T0 + 2),
    ];
    const [easier] = pacer.next(pacer.learner.replay('ada', misses), { now: T0 + 10 });
    expect(easier!.kind).toBe('remediate');
    expect(pacer.catalog.get(easier!.itemId).modality).not.toBe('video');
    // A learner who likes videos gets it.
    const likesVideo = pacer.learner.replay('ada', [
      { id: 'v', learnerId: 'ada', at: T0 - 1, type: 'self-report', preferredModalities: ['video'] },
      ...misses,
    ]);
    expect(pacer.next(likesVideo, { now: T0 + 10 })[0]!.itemId).toBe('count-easy-space');
    const fresh = pacer.learner.initialState('ada');
    // An app that asks for videos gets them.
    expect(pacer.next(fresh, { now: T0, modalities: ['video'] })[0]!.itemId).toBe('count-easy-space');
    // A pin of it wins.
    const pinned = pacer.learner.replay('ada', [
      { id: 'p', learnerId: 'ada', at: T0, type: 'override', action: 'pin', itemId: 'count-easy-space' },
    ]);
    expect(pacer.next(pinned, { now: T0 + 1 })[0]!.itemId).toBe('count-easy-space');
  });

  it('keeps to the modalities asked for: a practice box never gets a flashcard', () => {
    const state = pacer.learner.initialState('ada');
    const practice = pacer.next(state, { now: T0, limit: 10, modalities: ['practice'] });
    expect(practice.length).toBeGreaterThan(0);
    for (const r of practice) expect(pacer.catalog.get(r.itemId).modality).toBe('practice');
    expect(pacer.next(state, { now: T0, modalities: ['flashcard'] })[0]!.itemId).toBe('card-1');
  });

  it('listens to low confidence before a first attempt: an easier start, said so', () => {
    const state = pacer.learner.replay('ada', [
      ...master(['count']),
      { id: 'c', learnerId: 'ada', at: T0 + 5, type: 'self-report', skillId: 'add', confidence: 0.1 },
    ]);
    const [first] = pacer.next(state, { now: T0 + 10 });
    expect(first).toMatchObject({ skillId: 'add', kind: 'learn', itemId: 'add-easy' });
    expect(reason(first!.reasons, 'low-confidence')).toEqual({
      code: 'low-confidence',
      skillId: 'add',
      confidence: 0.1,
    });
  });

  it('offers a challenge after a run of successes', () => {
    const state = pacer.learner.replay('ada', [
      attempt('count-easy', true, T0),
      attempt('count-mid', true, T0 + 1),
      { ...attempt('count-hard', true, T0 + 2), hintsUsed: 1 } as EventInput,
    ]);
    // hinted success counts as a failure for BKT, so no streak yet
    expect(pacer.next(state, { now: T0 + 5 })[0]!.kind).not.toBe('challenge');
    const streak = pacer.learner.replay('ada', [
      { id: 'r1', learnerId: 'ada', at: T0, type: 'override', action: 'reset', skillId: 'count' },
      ...['a', 'b', 'c'].map(
        (k, i) =>
          ({
            id: `s${k}`,
            learnerId: 'ada',
            at: T0 + i + 1,
            type: 'attempt',
            itemId: 'count-easy',
            correct: true,
            skillIds: ['count'],
          }) as EventInput,
      ),
    ]);
    if (!pacer.learner.isMastered(streak, 'count')) {
      const [top] = pacer.next(streak, { now: T0 + 10 });
      expect(top!.kind).toBe('challenge');
      expect(reason(top!.reasons, 'after-success-streak')).toEqual({
        code: 'after-success-streak',
        streak: 3,
      });
    }
  });

  it('lifts items that match interests and preferred modalities, and says so', () => {
    // count-easy and count-easy-space fit the target equally; only the second is about space, on video.
    expect(pacer.next(pacer.learner.initialState('ada'), { now: T0 })[0]!.itemId).toBe('count-easy');
    const state = pacer.learner.replay('ada', [
      {
        id: 'i',
        learnerId: 'ada',
        at: T0,
        type: 'self-report',
        interests: ['space'],
        preferredModalities: ['video'],
      },
    ]);
    const [top] = pacer.next(state, { now: T0 + 1 });
    expect(top!.itemId).toBe('count-easy-space');
    expect(reason(top!.reasons, 'matches-interest')).toEqual({ code: 'matches-interest', topics: ['space'] });
    expect(reason(top!.reasons, 'preferred-modality')).toEqual({
      code: 'preferred-modality',
      modality: 'video',
    });
  });

  it('puts a teacher pin first and leaves out skipped items', () => {
    const state = pacer.learner.replay('ada', [
      { id: 'p', learnerId: 'ada', at: T0, type: 'override', action: 'pin', itemId: 'fractions-hard' },
      { id: 's1', learnerId: 'ada', at: T0, type: 'override', action: 'skip', itemId: 'count-mid' },
      { id: 's2', learnerId: 'ada', at: T0, type: 'override', action: 'skip', itemId: 'count-easy' },
    ]);
    const recs = pacer.next(state, { now: T0 + 1, limit: 10 });
    expect(recs[0]!.itemId).toBe('fractions-hard');
    expect(recs[0]!.reasons[0]).toEqual({ code: 'teacher-pinned', ref: 'item:fractions-hard' });
    expect(recs.map((r) => r.itemId)).not.toContain('count-mid');
    expect(recs.map((r) => r.itemId)).not.toContain('count-easy');
  });

  it('puts goal skills first, and says which goal', () => {
    const state = pacer.learner.replay('ada', [
      ...master(['count', 'add']),
      {
        id: 'g',
        learnerId: 'ada',
        at: T0 + 5,
        type: 'goal',
        goalId: 'exam',
        skillIds: ['fractions'],
        deadline: T0 + 7 * DAY,
      },
    ]);
    const [top] = pacer.next(state, { now: T0 + DAY });
    expect(['multiply', 'subtract']).toContain(top!.skillId);
    expect(reason(top!.reasons, 'toward-goal')).toEqual({
      code: 'toward-goal',
      goalId: 'exam',
      deadline: T0 + 7 * DAY,
    });
  });

  it('is deterministic for the same inputs and seed', () => {
    const state = pacer.learner.replay('ada', [
      ...master(['count']),
      attempt('add-mid', true, T0 + 1),
      attempt('add-easy', false, T0 + 2),
    ]);
    expect(pacer.next(state, { now: T0 + DAY, limit: 10, seed: 3 })).toEqual(
      pacer.next(state, { now: T0 + DAY, limit: 10, seed: 3 }),
    );
  });

  it('has defined answers: empty catalogue, unknown focus skill, everything mastered', () => {
    const empty = createPacer({ skills, items: [], bkt });
    expect(empty.next(empty.learner.initialState('ada'), { now: T0 })).toEqual([]);
    expect(() => pacer.next(pacer.learner.initialState('ada'), { now: T0, focus: ['geometry'] })).toThrow(
      /unknown skill "geometry"/,
    );
    const all = pacer.learner.replay('ada', master(['count', 'add', 'subtract', 'multiply', 'fractions']));
    const recs = pacer.next(all, { now: T0 + 1, limit: 3 });
    expect(recs.length).toBe(3);
    for (const r of recs) {
      expect(r.kind).toBe('review');
      expect(r.reasons[0]!.code).toBe('all-mastered');
    }
  });

  it('validates options, naming the field', () => {
    expect(() => pacer.next(pacer.learner.initialState('ada'), { now: T0, targetSuccess: 2 })).toThrow(
      /"targetSuccess"/,
    );
    expect(() => pacer.next(pacer.learner.initialState('ada'), {} as never)).toThrow(/"now"/);
  });

  it('explains every reason in plain words', () => {
    const state = pacer.learner.initialState('ada');
    for (const r of pacer.next(state, { now: T0 })[0]!.reasons)
      expect(describeReason(r).length).toBeGreaterThan(10);
  });
});

describe('plans', () => {
  it('fills a session within its time budget, each item once, reviews and new work mixed', () => {
    const state = pacer.learner.replay('ada', master(['count', 'add']));
    const plan = pacer.sessionPlan(state, { now: T0 + 20 * DAY, minutes: 10 });
    expect(plan.totalMinutes).toBeLessThanOrEqual(10);
    expect(plan.steps.length).toBeGreaterThan(3);
    expect(new Set(plan.steps.map((s) => s.itemId)).size).toBe(plan.steps.length);
    expect(plan.counts.review).toBeGreaterThan(0);
    expect(plan.counts.learn + plan.counts.challenge + plan.counts.remediate).toBeGreaterThan(0);
    expect(pacer.sessionPlan(state, { now: T0 + 20 * DAY, minutes: 10 })).toEqual(plan);
  });

  it('plans a goal day by day and says whether the deadline is feasible', () => {
    const state = pacer.learner.replay('ada', [
      ...master(['count']),
      {
        id: 'g',
        learnerId: 'ada',
        at: T0,
        type: 'goal',
        goalId: 'exam',
        skillIds: ['fractions'],
        deadline: T0 + 4 * DAY,
      },
    ]);
    const slow = pacer.goalPlan(state, { now: T0, newSkillsPerDay: 0.5 });
    expect(slow.remainingSkills).toEqual(['add', 'subtract', 'multiply', 'fractions']);
    expect(slow.newSkillsPerDay).toBe(1);
    expect(slow.feasible).toBe(false);
    expect(slow.days).toHaveLength(4);
    expect(slow.days.flatMap((d) => d.newSkills)).toEqual(slow.remainingSkills);
    expect(slow.days.reduce((n, d) => n + d.reviews, 0)).toBeGreaterThan(0);
    expect(pacer.goalPlan(state, { now: T0, newSkillsPerDay: 2 }).feasible).toBe(true);
    expect(() => pacer.goalPlan(pacer.learner.initialState('ada'), { now: T0 })).toThrow(/no active goal/);
  });
});
