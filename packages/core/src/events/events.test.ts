import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseInput } from '../validation';
import { createEvent, EventSchema, isIsoDateTime, parseEvent } from './events';

const base = { id: 'e1', learnerId: 'ada', at: 1000 };

describe('parseEvent', () => {
  it('accepts each kind of event, strips unknown fields and fills defaults', () => {
    expect(parseEvent({ ...base, type: 'attempt', itemId: 'q1', correct: true, tracking: 'x' })).toEqual({
      ...base,
      type: 'attempt',
      itemId: 'q1',
      correct: true,
      hintsUsed: 0,
    });
    expect(parseEvent({ ...base, type: 'review', itemId: 'card', rating: 'good' }).type).toBe('review');
    expect(parseEvent({ ...base, type: 'self-report', mood: 'bored' }).type).toBe('self-report');
    expect(parseEvent({ ...base, type: 'goal', skillIds: ['add'] })).toMatchObject({
      setBy: 'learner',
      status: 'active',
    });
    expect(parseEvent({ ...base, type: 'override', action: 'pin', itemId: 'q1' }).type).toBe('override');
  });

  it('turns ISO 8601 times into epoch milliseconds', () => {
    expect(
      parseEvent({ ...base, at: '2026-11-23T10:00:00+01:00', type: 'review', itemId: 'c', rating: 'easy' })
        .at,
    ).toBe(Date.UTC(2026, 10, 23, 9));
  });

  it('names the bad field and the value, in plain words', () => {
    const cases: [unknown, string][] = [
      [{ ...base, type: 'attempt', itemId: 'q', score: 1.5 }, '"score": must be at most 1 (got 1.5)'],
      [{ ...base, type: 'attempt', itemId: 'q', correct: 'yes' }, '"correct": expected boolean (got "yes")'],
      [
        { ...base, at: -5, type: 'review', itemId: 'c', rating: 'good' },
        '"at": must be 1970-01-01T00:00:00Z (epoch 0) or later (got -5)',
      ],
      [
        { ...base, at: 1.5, type: 'review', itemId: 'c', rating: 'good' },
        '"at": expected an integer (got 1.5)',
      ],
      [
        { ...base, at: 'yesterday', type: 'review', itemId: 'c', rating: 'good' },
        '"at": expected epoch milliseconds or an ISO 8601 date and time with an offset (got "yesterday")',
      ],
      [
        { ...base, type: 'review', itemId: 'c', rating: 'great' },
        '"rating": must be one of "again", "hard", "good", "easy" (got "great")',
      ],
      [
        { ...base, type: 'teleport' },
        '"type": must be one of "attempt", "review", "self-report", "goal", "override", "placement" (got "teleport")',
      ],
      [{ ...base, type: 'goal', skillIds: [] }, '"skillIds": must have at least 1 item (got [])'],
      [
        { ...base, id: '', type: 'review', itemId: 'c', rating: 'good' },
        '"id": must have at least 1 character (got "")',
      ],
      [
        { ...base, type: 'self-report', interests: ['x'.repeat(201)] },
        `"interests.0": must have at most 200 characters (got "${'x'.repeat(76)}...)`,
      ],
    ];
    for (const [event, message] of cases)
      expect(() => parseEvent(event)).toThrow(`Invalid event: ${message}`);
  });

  it('requires what each kind needs', () => {
    expect(() => parseEvent({ ...base, type: 'attempt', itemId: 'q' })).toThrow(/needs "correct" or "score"/);
    expect(() => parseEvent({ ...base, type: 'self-report' })).toThrow(/needs confidence, interests/);
    expect(() => parseEvent({ ...base, type: 'override', action: 'reset' })).toThrow(/need a skillId/);
    expect(() => parseEvent({ ...base, type: 'goal', skillIds: [] })).toThrow(/"skillIds"/);
  });

  it('reports INVALID_EVENT with the issues as data', () => {
    try {
      parseEvent({ ...base, type: 'attempt', itemId: 'q', score: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: 'INVALID_EVENT',
        details: { issues: [{ path: 'score', value: 2 }] },
      });
    }
  });
});

describe('parseEvent on attempts (the hand-checked fast path)', () => {
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  const anyValue = fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.constantFrom('', '__proto__', 'a\u0000', 'x\ud800', 'x'.repeat(201), 'ok', '2026-01-05T09:00:00Z'),
    fc.double(),
    fc.integer(),
    fc.constantFrom(-1, 0, 1, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 8.64e15, 2 ** 53),
    fc.boolean(),
    fc.constant(null),
  );
  /** Mostly valid values of a field, now and then anything at all. */
  const field = <T>(valid: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anyValue as fc.Arbitrary<unknown>, weight: 1 });
  const attemptLike = fc
    .record({
      type: fc.constantFrom('attempt', 'attempt', 'attempt', 'review'),
      id: field(fc.constantFrom('e1', 'constructor', '🙂', 'x'.repeat(200))),
      learnerId: field(fc.constant('ada')),
      at: field(fc.integer({ min: 0, max: 4e12 })),
      itemId: field(fc.constant('q1')),
      correct: maybe(field(fc.boolean())),
      score: maybe(field(fc.double({ min: 0, max: 1, noNaN: true }))),
      responseTimeMs: maybe(field(fc.nat())),
      hintsUsed: maybe(field(fc.nat({ max: 5 }))),
      extra: fc.option(fc.oneof(anyValue, fc.constant({ nested: 1 })), { nil: undefined, freq: 5 }),
      explicitUndefined: fc.boolean(),
    })
    .map(({ explicitUndefined, ...r }) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r))
        if (v !== undefined || (explicitUndefined && k === 'score')) out[k] = v;
      return out;
    });

  it('gives exactly what the schema gives, or the same error (property)', () => {
    fc.assert(
      fc.property(attemptLike, (input) => {
        const viaSchema = (() => {
          try {
            return JSON.stringify(parseInput(EventSchema, input, 'event', 'INVALID_EVENT'));
          } catch (error) {
            return `error: ${(error as Error).message}`;
          }
        })();
        const viaParseEvent = (() => {
          try {
            return JSON.stringify(parseEvent(input));
          } catch (error) {
            return `error: ${(error as Error).message}`;
          }
        })();
        expect(viaParseEvent).toBe(viaSchema);
      }),
      { numRuns: 2000, seed: 16 },
    );
  });
});

describe('createEvent', () => {
  it('validates as parseEvent does, and types what it is given', () => {
    const input = {
      type: 'attempt',
      id: 'e1',
      learnerId: 'ada',
      at: 1000,
      itemId: 'q',
      correct: true,
    } as const;
    expect(createEvent(input)).toEqual(parseEvent(input));
    expect(() => createEvent({ ...input, score: 1.5 })).toThrow(
      'Invalid event: "score": must be at most 1 (got 1.5)',
    );
    // Each of these is a compile error (pnpm typecheck fails if one compiles), and at run time
    // the validation still refuses or strips it.
    // @ts-expect-error a misspelt field
    expect(createEvent({ ...input, corect: true }).type).toBe('attempt');
    const review = { type: 'review', id: 'e2', learnerId: 'ada', at: 1000, itemId: 'c' } as const;
    // @ts-expect-error a rating that does not exist
    expect(() => createEvent({ ...review, rating: 'great' })).toThrow(/"rating"/);
    const { itemId: _, ...withoutItem } = input;
    // @ts-expect-error an attempt without its item
    expect(() => createEvent(withoutItem)).toThrow(/"itemId"/);
  });
});

describe('ISO 8601 times', () => {
  it("are accepted exactly as zod's iso.datetime({ offset: true }) accepts them (property)", () => {
    const zod = z.iso.datetime({ offset: true });
    const two = (n: number) => String(n).padStart(2, '0');
    const near = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.option(fc.integer({ min: 0, max: 61 })),
        fc.constantFrom('', '.1', '.123456789', '.'),
        fc.constantFrom('Z', 'z', '+01:00', '-05:30', '+0100', '+01', '', '+24:00', '-00:60'),
      )
      .map(
        ([y, mo, d, h, mi, se, fraction, offset]) =>
          `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}${se === null ? '' : `:${two(se)}`}${fraction}${offset}`,
      );
    fc.assert(
      fc.property(fc.oneof(near, fc.string()), (text) => {
        expect(isIsoDateTime(text), text).toBe(z.safeParse(zod, text).success);
      }),
      { seed: 3, numRuns: 20_000 },
    );
    for (const text of ['2024-02-29T00:00:00Z', '2026-11-23T10:00:00.5+01:00', '0000-01-01T00:00:00Z'])
      expect(isIsoDateTime(text), text).toBe(true);
    for (const text of [
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-11-23T10:00Z',
      '2026-11-23T10:00:00+0100',
    ])
      expect(isIsoDateTime(text), text).toBe(false);
  });
});
