// Hostile and unusual input over the public API: ids named like Object.prototype's members,
// emoji, right-to-left text, 200-character ids, parameters at exactly 0 and 1, timestamps at the
// ends of their range, events from the future. Nothing may become NaN or Infinity, nothing may be
// silently dropped, and what is refused is refused with an error that names the field.
import { type EventInput, getOwn, type LearnerState, PacekitError, parseEvent } from '@pacekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPacer } from './createPacer';

const DAY = 86_400_000;
const MAX_TIMESTAMP = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Every number anywhere in `value` (a state, a recommendation, a plan). */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbers(v, out);
  return out;
}

const prototypeNames = Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== '__proto__');
const hostileId = fc.oneof(
  fc.constantFrom(...prototypeNames),
  fc.constantFrom('🙂', 'שלום‏ עולם', 'x'.repeat(200), ' ', 'a.b', '0', '-1', 'NaN', 'Infinity'),
  fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
);

const probabilityEdge = fc.oneof(
  fc.constantFrom(0, 1, 1e-12, 1 - 1e-12),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const world = fc
  .record({
    skillIds: fc.uniqueArray(hostileId, { minLength: 2, maxLength: 4 }),
    itemIds: fc.uniqueArray(hostileId, { minLength: 2, maxLength: 5 }),
    params: fc.record({
      pInit: probabilityEdge,
      pLearn: probabilityEdge,
      pForget: probabilityEdge,
      pGuess: probabilityEdge,
      pSlip: probabilityEdge,
    }),
    answers: fc.array(
      fc.record({
        item: fc.nat(),
        correct: fc.boolean(),
        kind: fc.constantFrom('attempt', 'review', 'confidence', 'goal', 'placement', 'mark', 'pin'),
        // Anywhere in the accepted range, the extremes included.
        at: fc.oneof(fc.constantFrom(0, MAX_TIMESTAMP - 1000 * DAY), fc.integer({ min: 0, max: 4e12 })),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    now: fc.oneof(fc.constantFrom(0, MAX_TIMESTAMP - 1000 * DAY), fc.integer({ min: 0, max: 4e12 })),
  })
  .map((w) => ({ ...w, itemIds: w.itemIds.filter((id) => !w.skillIds.includes(id)) }))
  .filter((w) => w.itemIds.length > 0);

describe('hostile ids and edge values over the public API', () => {
  it('never produce NaN or Infinity in a state, a recommendation or a plan', () => {
    fc.assert(
      fc.property(world, ({ skillIds, itemIds, params, answers, now }) => {
        const skills = skillIds.map((id, k) => ({ id, prerequisites: k > 0 ? [skillIds[k - 1]!] : [] }));
        const items = itemIds.map((id, i) => ({
          id,
          skills: [skillIds[i % skillIds.length]!],
          ...(i % 2 === 1 ? { modality: 'flashcard' } : {}),
        }));
        const bktSkills: Record<string, typeof params> = {};
        for (const id of skillIds) Object.defineProperty(bktSkills, id, { value: params, enumerable: true });
        const pacer = createPacer({
          skills,
          items,
          bkt: { kind: 'bkt', schemaVersion: 1, skills: bktSkills },
        });
        let state: LearnerState = pacer.learner.initialState(skillIds[0]!);
        answers.forEach((a, n) => {
          const item = items[a.item % items.length]!;
          const skillId = item.skills[0]!;
          const base = { id: `${n}-${itemIds[0]!.slice(0, 190)}`, learnerId: state.learnerId, at: a.at };
          const input: EventInput =
            a.kind === 'attempt'
              ? { ...base, type: 'attempt', itemId: item.id, correct: a.correct }
              : a.kind === 'review'
                ? { ...base, type: 'review', itemId: item.id, rating: a.correct ? 'good' : 'again' }
                : a.kind === 'confidence'
                  ? {
                      ...base,
                      type: 'self-report',
                      skillId,
                      confidence: a.correct ? 1 : 0,
                      interests: [skillId],
                    }
                  : a.kind === 'goal'
                    ? {
                        ...base,
                        type: 'goal',
                        goalId: skillId,
                        skillIds: [skillId],
                        deadline: a.at + 7 * DAY,
                      }
                    : a.kind === 'placement'
                      ? { ...base, type: 'placement', pMastery: { [skillId]: a.correct ? 1 : 0 } }
                      : a.kind === 'mark'
                        ? { ...base, type: 'override', action: 'mark-mastered', skillId }
                        : { ...base, type: 'override', action: 'pin', itemId: item.id };
          state = pacer.learner.apply(state, parseEvent(input));
        });
        const outputs: unknown[] = [state];
        for (const skillId of skillIds) {
          const p = pacer.learner.mastery(state, skillId);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(getOwn(state.skills, skillId) === undefined || Object.hasOwn(state.skills, skillId)).toBe(
            true,
          );
        }
        for (const item of items) outputs.push(pacer.learner.predict(state, item.id));
        const recommendations = pacer.next(state, { now, limit: 5 });
        outputs.push(recommendations, pacer.next(state, { now, choices: 3 }));
        outputs.push(pacer.sessionPlan(state, { now, minutes: 20 }));
        const goalId = Object.keys(state.goals)[0];
        if (goalId !== undefined) outputs.push(pacer.goalPlan(state, { now, goalId }));
        for (const r of recommendations) {
          expect(r.predictedSuccess).toBeGreaterThanOrEqual(0);
          expect(r.predictedSuccess).toBeLessThanOrEqual(1);
        }
        for (const x of numbers(outputs)) expect(Number.isFinite(x)).toBe(true);
        // The state survives JSON with every id (no entry lost to a prototype key).
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 150, seed: 16 },
    );
  });

  it('keeps a skill named like an Object.prototype member as data: mastery moves, next() recommends it', () => {
    const pacer = createPacer({
      skills: [{ id: 'constructor' }, { id: 'toString', prerequisites: ['constructor'] }],
      items: [
        { id: 'valueOf', skills: ['constructor'] },
        { id: 'hasOwnProperty', skills: ['toString'] },
      ],
      bkt: {
        kind: 'bkt',
        schemaVersion: 1,
        skills: {},
        defaultParams: { pInit: 0.2, pLearn: 0.2, pForget: 0, pGuess: 0.2, pSlip: 0.1 },
      },
    });
    let state = pacer.learner.initialState('ada');
    expect(pacer.learner.mastery(state, 'constructor')).toBe(0.2);
    state = pacer.learner.apply(
      state,
      parseEvent({ type: 'attempt', id: 'e1', learnerId: 'ada', at: 1, itemId: 'valueOf', correct: true }),
    );
    // By hand: posterior 0.2·0.9 / (0.2·0.9 + 0.8·0.2) = 0.18 / 0.34; then + (1 − it)·0.2.
    const posterior = 0.18 / 0.34;
    expect(pacer.learner.mastery(state, 'constructor')).toBeCloseTo(posterior + (1 - posterior) * 0.2, 12);
    expect(pacer.learner.mastery(state, 'toString')).toBe(0.2);
    const [first] = pacer.next(state, { now: 2 });
    expect(first?.itemId).toBe('valueOf');
    expect(Number.isFinite(first!.score)).toBe(true);
  });

  it('refuses __proto__ wherever it would be a key or an id, naming where', () => {
    const refused = (input: unknown) => {
      try {
        parseEvent(input);
      } catch (error) {
        return error instanceof PacekitError ? `${error.code}: ${error.message}` : String(error);
      }
      return 'accepted';
    };
    const base = { id: 'e', learnerId: 'ada', at: 0 };
    expect(refused({ ...base, type: 'attempt', itemId: '__proto__', correct: true })).toBe(
      'INVALID_EVENT: Invalid event: "itemId": "__proto__" cannot be an id (got "__proto__")',
    );
    expect(
      refused({ ...base, type: 'placement', pMastery: JSON.parse('{"__proto__": 0.9, "a": 0.5}') }),
    ).toBe('INVALID_EVENT: Invalid event: "pMastery.__proto__": "__proto__" cannot be a key or an id');
    expect(refused({ ...base, type: 'goal', goalId: '__proto__', skillIds: ['a'] })).toMatch(/"goalId"/);
    expect(() =>
      createPacer({
        skills: [{ id: '__proto__' }],
        items: [],
        bkt: { kind: 'bkt', schemaVersion: 1, skills: {} },
      }),
    ).toThrow(/"0\.id": "__proto__" cannot be an id/);
  });

  it('refuses NUL and unpaired surrogates in ids and text, naming the field', () => {
    const base = { id: 'e', learnerId: 'ada', at: 0, type: 'attempt', correct: true };
    expect(() => parseEvent({ ...base, itemId: 'a\u0000b' })).toThrow(
      /"itemId": must not contain NUL characters or unpaired UTF-16 surrogates/,
    );
    expect(() => parseEvent({ ...base, itemId: 'x\uD800' })).toThrow(/"itemId": must not contain NUL/);
    expect(() =>
      parseEvent({ id: 'e', learnerId: 'ada', at: 0, type: 'override', action: 'note', note: 'ok\uDC00' }),
    ).toThrow(/"note": must not contain NUL/);
    expect(parseEvent({ ...base, itemId: 'emoji 🙂 ok' })).toMatchObject({ itemId: 'emoji 🙂 ok' });
  });

  it('takes timestamps in one range, as numbers and as ISO dates', () => {
    const at = (value: unknown) =>
      parseEvent({ id: 'e', learnerId: 'ada', at: value, type: 'self-report', mood: 'neutral' }).at;
    expect(at('1970-01-01T00:00:00Z')).toBe(0);
    expect(at(0)).toBe(0);
    expect(at('9999-12-31T23:59:59.999Z')).toBe(MAX_TIMESTAMP);
    expect(at(MAX_TIMESTAMP)).toBe(MAX_TIMESTAMP);
    expect(() => at('1969-12-31T23:59:59Z')).toThrow(
      /"at": must be 1970-01-01T00:00:00Z \(epoch 0\) or later/,
    );
    expect(() => at(-1)).toThrow(/"at": must be 1970-01-01T00:00:00Z/);
    expect(() => at(MAX_TIMESTAMP + 1)).toThrow(/"at": must be before the year 10000/);
    expect(() => at(8.64e15)).toThrow(/"at": must be before the year 10000/);
  });

  it('plans and recommends after an event from the future, and for a now before the last event', () => {
    const pacer = createPacer({
      skills: [{ id: 'a' }, { id: 'b', prerequisites: ['a'] }],
      items: [
        { id: 'qa', skills: ['a'] },
        { id: 'card', skills: ['a'], modality: 'flashcard' },
        { id: 'qb', skills: ['b'] },
      ],
      bkt: { kind: 'bkt', schemaVersion: 1, skills: {} },
    });
    const future = Date.UTC(2030, 0, 1);
    const now = Date.UTC(2026, 10, 23);
    let state = pacer.learner.initialState('ada');
    for (const input of [
      { type: 'review', id: 'r1', learnerId: 'ada', at: future, itemId: 'card', rating: 'good' },
      { type: 'attempt', id: 'a1', learnerId: 'ada', at: future + DAY, itemId: 'qa', correct: true },
      { type: 'goal', id: 'g1', learnerId: 'ada', at: future, skillIds: ['b'], deadline: future + 30 * DAY },
    ])
      state = pacer.learner.apply(state, parseEvent(input));
    const plan = pacer.sessionPlan(state, { now, minutes: 20 });
    expect(plan.steps.length).toBeGreaterThan(0);
    const goal = pacer.goalPlan(state, { now, goalId: 'g1' });
    expect(numbers(goal).every(Number.isFinite)).toBe(true);
    expect(pacer.next(state, { now: future - DAY }).length).toBeGreaterThan(0);
    // The card reviewed "in 2030" and reviewed again "now": counted at its last review, never before it.
    const card = pacer.memory(state).items.card!;
    const again = pacer.scheduler.review(card, 'good', now);
    expect(again.lastReview).toBe(card.lastReview);
    expect(again.reps).toBe(card.reps + 1);
  });
});
