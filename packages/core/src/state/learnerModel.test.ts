import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EventInput, parseEvent } from '../events';
import { createSkillGraph } from '../graph';
import { createCatalog } from '../items';
import { createLearnerModel, type LearnerModelPlugin } from './learnerModel';
import { createLearnerState, parseLearnerState } from './learnerState';

const graph = createSkillGraph([{ id: 'add' }, { id: 'sub', prerequisites: ['add'] }]);
const catalog = createCatalog(
  [
    { id: 'a1', skills: ['add'] },
    { id: 'a2', skills: ['add'] },
    { id: 's1', skills: ['sub'] },
    { id: 'mix', skills: ['add', 'sub'] },
  ],
  graph,
);
const bkt = {
  kind: 'bkt' as const,
  schemaVersion: 1 as const,
  skills: {
    add: { pInit: 0.4, pLearn: 0.2, pGuess: 0.2, pSlip: 0.1 },
    sub: { pInit: 0.1, pLearn: 0.1, pGuess: 0.25, pSlip: 0.1 },
  },
};
const learner = createLearnerModel({ bkt, graph, catalog });
const attempt = (
  id: string,
  at: number,
  itemId: string,
  correct: boolean,
  extra: object = {},
): EventInput => ({
  id,
  learnerId: 'ada',
  at,
  type: 'attempt',
  itemId,
  correct,
  ...extra,
});

describe('learner model: attempts', () => {
  it('updates every skill of the item with the BKT update, and counts the attempt', () => {
    const state = learner.apply(learner.initialState('ada'), parseEvent(attempt('e1', 10, 'a1', true)));
    // add: 0.4 → posterior 0.75 → 0.75 + 0.25 × 0.2 = 0.8 (worked in createBkt.test.ts)
    expect(state.skills.add).toEqual({
      pMastery: expect.closeTo(0.8, 12),
      attempts: 1,
      correct: 1,
      streak: 1,
      lastAttemptAt: 10,
      masteredAt: null,
      override: null,
    });
    expect(state.items.a1).toEqual({ attempts: 1, correct: 1, lastAt: 10, lastScore: 1 });
    expect(state.eventCount).toBe(1);
    expect(state.skills.sub).toBeUndefined();
  });

  it('counts streaks up for successes and down for failures', () => {
    const state = learner.replay('ada', [
      attempt('e1', 1, 'a1', true),
      attempt('e2', 2, 'a2', true),
      attempt('e3', 3, 'a1', false),
      attempt('e4', 4, 'a2', false),
    ]);
    expect(state.skills.add!.streak).toBe(-2);
  });

  it('gives no credit for a correct answer after hints (ASSISTments), unless configured', () => {
    const hinted = learner.replay('ada', [attempt('e1', 1, 'a1', true, { hintsUsed: 1 })]);
    // counted as wrong: 0.4 → 1/13 → 3.4/13
    expect(hinted.skills.add!.pMastery).toBeCloseTo(3.4 / 13, 12);
    const partial = createLearnerModel({ bkt, graph, catalog, hintCredit: 1 }).replay('ada', [
      attempt('e1', 1, 'a1', true, { hintsUsed: 1 }),
    ]);
    expect(partial.skills.add!.pMastery).toBeCloseTo(0.8, 12);
  });

  it('records when a skill first reaches the mastery threshold', () => {
    const events = Array.from({ length: 6 }, (_, i) => attempt(`e${i}`, i * 10, 'a1', true));
    const state = learner.replay('ada', events);
    expect(learner.isMastered(state, 'add')).toBe(true);
    // 0.4 → 0.8 → 0.9579 (≥ 0.95 after the second correct answer, at t = 10)
    expect(state.skills.add!.masteredAt).toBe(10);
  });

  it('predicts an item of several skills by its weakest skill', () => {
    const state = learner.initialState('ada');
    // add: 0.4 × 0.9 + 0.6 × 0.2 = 0.48; sub: 0.1 × 0.9 + 0.9 × 0.25 = 0.315
    expect(learner.predict(state, 'mix')).toBeCloseTo(0.315, 12);
  });

  it('rejects an unknown item without changing the state', () => {
    const state = learner.initialState('ada');
    const copy = structuredClone(state);
    expect(() => learner.apply(state, parseEvent(attempt('e1', 1, 'ghost', true)))).toThrow(
      /item "ghost", which is not in the catalogue/,
    );
    expect(state).toEqual(copy);
  });
});

describe('learner model: the learner’s voice, goals and teachers', () => {
  it('keeps confidence, mood, interests and preferred modalities', () => {
    const state = learner.replay('ada', [
      {
        id: 's1',
        learnerId: 'ada',
        at: 1,
        type: 'self-report',
        confidence: 0.3,
        mood: 'confused',
        interests: ['space'],
      },
      {
        id: 's2',
        learnerId: 'ada',
        at: 2,
        type: 'self-report',
        skillId: 'sub',
        confidence: 0.8,
        preferredModalities: ['video'],
      },
    ]);
    expect(state.affect).toEqual({
      confidence: { value: 0.3, at: 1 },
      mood: { value: 'confused', at: 1 },
      skillConfidence: { sub: { value: 0.8, at: 2 } },
    });
    expect(state.interests).toEqual(['space']);
    expect(state.preferredModalities).toEqual(['video']);
  });

  it('sets, replaces and cancels goals', () => {
    const state = learner.replay('ada', [
      { id: 'g1', learnerId: 'ada', at: 1, type: 'goal', goalId: 'exam', skillIds: ['add'], deadline: 500 },
      {
        id: 'g2',
        learnerId: 'ada',
        at: 2,
        type: 'goal',
        goalId: 'exam',
        skillIds: ['sub'],
        setBy: 'teacher',
      },
      { id: 'g3', learnerId: 'ada', at: 3, type: 'goal', skillIds: ['add'] },
      {
        id: 'g4',
        learnerId: 'ada',
        at: 4,
        type: 'goal',
        goalId: 'g3',
        skillIds: ['add'],
        status: 'cancelled',
      },
    ]);
    expect(state.goals).toEqual({
      exam: { id: 'exam', skillIds: ['sub'], deadline: null, setBy: 'teacher', setAt: 2 },
    });
  });

  it('lets a teacher mark mastered (it wins over later evidence) and reset', () => {
    let state = learner.replay('ada', [
      { id: 'o1', learnerId: 'ada', at: 1, type: 'override', action: 'mark-mastered', skillId: 'sub' },
      attempt('e1', 2, 's1', false),
      attempt('e2', 3, 's1', false),
    ]);
    expect(learner.isMastered(state, 'sub')).toBe(true);
    expect(state.skills.sub!.masteredAt).toBe(1);
    state = learner.apply(
      state,
      parseEvent({ id: 'o2', learnerId: 'ada', at: 4, type: 'override', action: 'reset', skillId: 'sub' }),
    );
    expect(learner.isMastered(state, 'sub')).toBe(false);
    expect(state.skills.sub).toMatchObject({ pMastery: 0.1, masteredAt: null, override: 'reset', streak: 0 });
  });

  it('pins and skips items and skills, once each', () => {
    const state = learner.replay('ada', [
      { id: 'p1', learnerId: 'ada', at: 1, type: 'override', action: 'pin', itemId: 'a1' },
      { id: 'p2', learnerId: 'ada', at: 2, type: 'override', action: 'pin', skillId: 'sub' },
      { id: 'p3', learnerId: 'ada', at: 3, type: 'override', action: 'pin', itemId: 'a1' },
      { id: 'p4', learnerId: 'ada', at: 4, type: 'override', action: 'skip', itemId: 's1' },
      { id: 'p5', learnerId: 'ada', at: 5, type: 'override', action: 'unpin', skillId: 'sub' },
    ]);
    expect(state.pinned).toEqual(['item:a1']);
    expect(state.skipped).toEqual(['item:s1']);
  });
});

describe('learner model: placement', () => {
  it('seeds P(L) of skills not practised yet, and leaves practised ones to their evidence', () => {
    const state = learner.replay('ada', [
      attempt('e1', 1, 'a1', true),
      { id: 'p', learnerId: 'ada', at: 2, type: 'placement', pMastery: { add: 0.1, sub: 0.97 } },
    ]);
    expect(state.skills.add!.pMastery).toBeCloseTo(0.8, 12);
    expect(state.skills.sub).toMatchObject({ pMastery: 0.97, attempts: 0, masteredAt: 2 });
    expect(learner.isMastered(state, 'sub')).toBe(true);
    // Evidence then updates from the placed value: 0.97 → wrong answer posterior, then learn.
    const after = learner.apply(state, parseEvent(attempt('e2', 3, 's1', false)));
    const posterior = (0.97 * 0.1) / (0.97 * 0.1 + 0.03 * 0.75);
    expect(after.skills.sub!.pMastery).toBeCloseTo(posterior + (1 - posterior) * 0.1, 12);
  });
});

describe('learner model: replay', () => {
  const arbitraryEvents = fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 50 }),
      itemId: fc.constantFrom('a1', 'a2', 's1', 'mix'),
      correct: fc.boolean(),
      hintsUsed: fc.integer({ min: 0, max: 1 }),
    }),
    { maxLength: 30 },
  );
  const toEvents = (
    rows: { at: number; itemId: string; correct: boolean; hintsUsed: number }[],
  ): EventInput[] =>
    rows.map((r, i) => attempt(`e${i}`, r.at, r.itemId, r.correct, { hintsUsed: r.hintsUsed }));

  it('gives the same state for the same events in any arrival order', () => {
    fc.assert(
      fc.property(arbitraryEvents, fc.integer(), (rows, seed) => {
        const events = toEvents(rows);
        const shuffled = [...events].sort(
          (a, b) => ((a.id.length * 31 + seed) % 7) - ((b.id.length * 17 + seed) % 5),
        );
        expect(learner.replay('ada', shuffled)).toEqual(learner.replay('ada', events));
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('counts the same event twice once', () => {
    fc.assert(
      fc.property(arbitraryEvents, (rows) => {
        const events = toEvents(rows);
        expect(learner.replay('ada', [...events, ...events])).toEqual(learner.replay('ada', events));
      }),
      { seed: 7, numRuns: 50 },
    );
  });

  it('equals applying the events one by one in time order (replay equals incremental)', () => {
    fc.assert(
      fc.property(arbitraryEvents, (rows) => {
        const events = toEvents(rows).map(parseEvent);
        const ordered = [...events].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
        const incremental = ordered.reduce((s, e) => learner.apply(s, e), learner.initialState('ada'));
        expect(learner.replay('ada', events)).toEqual(incremental);
        // applyAll folds in the order given, with one copy: the same as apply one by one.
        const half = learner.applyAll(learner.initialState('ada'), ordered.slice(0, ordered.length >> 1));
        const frozen = structuredClone(half);
        expect(learner.applyAll(half, ordered.slice(ordered.length >> 1))).toEqual(incremental);
        expect(half).toEqual(frozen);
        for (const skill of Object.values(incremental.skills)) {
          expect(skill.pMastery).toBeGreaterThanOrEqual(0);
          expect(skill.pMastery).toBeLessThanOrEqual(1);
        }
      }),
      { seed: 9, numRuns: 50 },
    );
  });

  it('never changes the state it is given', () => {
    const state = learner.replay('ada', [attempt('e1', 1, 'a1', true)]);
    const frozen = structuredClone(state);
    learner.apply(state, parseEvent(attempt('e2', 2, 'mix', false)));
    expect(state).toEqual(frozen);
  });

  it('refuses an event for another learner', () => {
    expect(() =>
      learner.apply(learner.initialState('bob'), parseEvent(attempt('e1', 1, 'a1', true))),
    ).toThrow(/not "bob"/);
  });

  it('checks an event without folding it: what apply would refuse, check refuses', () => {
    const ok = parseEvent(attempt('e1', 1, 'a1', true));
    expect(() => learner.check(ok, 'ada')).not.toThrow();
    expect(() => learner.check(ok)).not.toThrow();
    const cases: [EventInput, string | RegExp][] = [
      [attempt('e2', 1, 'nope', true), /item "nope"/],
      [{ ...attempt('e3', 1, 'nope', true), skillIds: ['ghost'] } as EventInput, /skill "ghost"/],
      [{ id: 'g', learnerId: 'ada', at: 2, type: 'goal', skillIds: ['ghost'] }, /skill "ghost"/],
    ];
    for (const [input, message] of cases) {
      const event = parseEvent(input);
      expect(() => learner.check(event, 'ada')).toThrow(message);
      // The same verdict as folding it.
      expect(() => learner.apply(learner.initialState('ada'), event)).toThrow(message);
    }
    expect(() => learner.check(ok, 'bob')).toThrow(/not "bob"/);
    // A plugin's own check runs too.
    const picky: LearnerModelPlugin<number> = {
      key: 'picky',
      initial: () => 0,
      apply: (n) => n + 1,
      check: (event) => {
        if (event.type === 'attempt' && event.itemId === 'a2') throw new Error('picky refuses a2');
      },
    };
    const withPicky = createLearnerModel({ bkt, graph, catalog, plugins: [picky] });
    expect(() => withPicky.check(ok)).not.toThrow();
    expect(() => withPicky.check(parseEvent(attempt('e4', 1, 'a2', true)))).toThrow('picky refuses a2');
  });

  it('runs plugins on every event, keeping their state in extensions', () => {
    const counter: LearnerModelPlugin<number> = {
      key: 'counter',
      initial: () => 0,
      apply: (n, event) => n + (event.type === 'attempt' ? 1 : 0),
    };
    const withPlugin = createLearnerModel({ bkt, graph, catalog, plugins: [counter] });
    expect(withPlugin.initialState('ada').extensions).toEqual({ counter: 0 });
    expect(
      withPlugin.replay('ada', [attempt('e1', 1, 'a1', true), attempt('e2', 2, 'a2', false)]).extensions,
    ).toEqual({ counter: 2 });
  });
});

describe('learner state: JSON and versions', () => {
  it('round-trips through JSON', () => {
    const state = learner.replay('ada', [
      attempt('e1', 1, 'a1', true),
      { id: 'g', learnerId: 'ada', at: 2, type: 'goal', skillIds: ['sub'] },
    ]);
    expect(parseLearnerState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it('migrates an older version through the hook, and refuses a newer one', () => {
    const v0 = { ...createLearnerState('ada'), schemaVersion: 0, mastery: {} } as Record<string, unknown>;
    const migrated = parseLearnerState(v0, {
      0: ({ mastery: _, ...rest }) => ({ ...rest, schemaVersion: 1 }),
    });
    expect(migrated).toEqual(createLearnerState('ada'));
    expect(() => parseLearnerState(v0)).toThrow(/No migration from learner-state version 0/);
    expect(() => parseLearnerState({ ...createLearnerState('ada'), schemaVersion: 2 })).toThrow(
      /newer than this release/,
    );
  });

  it('names the corrupt field of a stored state', () => {
    const state = { ...createLearnerState('ada'), skills: { add: { pMastery: 3 } } };
    expect(() => parseLearnerState(state)).toThrow(/"skills\.add\.pMastery"/);
    expect(() => parseLearnerState('nope')).toThrow(/expected an object/);
  });
});
