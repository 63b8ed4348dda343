import { createSkillGraph } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { attempt, bkt, DAY, items, skills, T0 } from '../__fixtures__/course';
import { createPacer } from '../createPacer';
import { encompassedCredit } from './memoryPlugin';

describe('encompassedCredit (implicit repetition weights)', () => {
  const graph = createSkillGraph(skills);

  it('credits exactly the prerequisites the graph declares, with the product of weights along the best path', () => {
    // fractions → multiply 0.5; → subtract 0.3; → add max(0.5 × 0.8, 0.3 × 0.5) = 0.4; → count 0.4 × 0.6 = 0.24
    const credit = encompassedCredit(graph, 'fractions', 0.05);
    expect(Object.fromEntries(credit)).toEqual({
      multiply: 0.5,
      subtract: 0.3,
      add: expect.closeTo(0.4, 12),
      count: expect.closeTo(0.24, 12),
    });
    expect(Object.fromEntries(encompassedCredit(graph, 'add', 0.05))).toEqual({ count: 0.6 });
    expect(encompassedCredit(graph, 'count', 0.05).size).toBe(0);
  });

  it('drops credits below the minimum', () => {
    expect([...encompassedCredit(graph, 'fractions', 0.25).keys()].sort()).toEqual([
      'add',
      'multiply',
      'subtract',
    ]);
  });
});

describe('memory plugin', () => {
  const pacer = createPacer({ skills, items, bkt });
  const started = (ids: string[]) => ids.map((id, i) => attempt(`${id}-mid`, true, T0 + i * 60_000));

  it('gives a started prerequisite a full review each time its credit reaches 1, and keeps the remainder', () => {
    // Starting count, add, multiply in turn already passes credit down:
    //   add-mid → count +0.6; multiply-mid → add +0.8, count +0.48 (count: 1.08 → one implicit review, 0.08 left)
    const base = pacer.learner.replay('ada', started(['count', 'add', 'multiply']));
    let m = pacer.memory(base).skills;
    expect(m.add!.implicitCredit).toBeCloseTo(0.8, 12);
    expect(m.add!.card.reps).toBe(1);
    expect(m.count!.implicitCredit).toBeCloseTo(0.08, 12);
    expect(m.count!.card.reps).toBe(2);
    expect(m.count!.card.lastReview).toBe(T0 + 2 * 60_000);
    // One more success on multiply: add 0.8 + 0.8 = 1.6 → one review, 0.6 left; count 0.08 + 0.48 = 0.56.
    const next = pacer.learner.replay('ada', [
      ...started(['count', 'add', 'multiply']),
      attempt('multiply-easy', true, T0 + DAY),
    ]);
    m = pacer.memory(next).skills;
    expect(m.add!.card.reps).toBe(2);
    expect(m.add!.card.lastReview).toBe(T0 + DAY);
    expect(m.add!.implicitCredit).toBeCloseTo(0.6, 12);
    expect(m.count!.card.reps).toBe(2);
    expect(m.count!.implicitCredit).toBeCloseTo(0.56, 12);
    // A skill never started gets nothing.
    expect(m.subtract).toBeUndefined();
  });

  it('flags direct prerequisites with weight ≥ 0.5 after two misses in a row, and a success on them clears the flag', () => {
    const base = started(['count', 'add', 'subtract', 'multiply']);
    // One miss is part of learning: nothing is flagged.
    let m = pacer.memory(
      pacer.learner.replay('ada', [...base, attempt('fractions-mid', false, T0 + DAY)]),
    ).skills;
    expect(m.multiply!.flaggedAt).toBeNull();
    const events = [
      ...base,
      attempt('fractions-mid', false, T0 + DAY),
      attempt('fractions-easy', false, T0 + DAY + 60_000),
    ];
    m = pacer.memory(pacer.learner.replay('ada', events)).skills;
    expect(m.multiply!.flaggedAt).toBe(T0 + DAY + 60_000); // weight 0.5
    expect(m.subtract!.flaggedAt).toBeNull(); // weight 0.3
    expect(m.add!.flaggedAt).toBeNull(); // not direct
    m = pacer.memory(
      pacer.learner.replay('ada', [...events, attempt('multiply-easy', true, T0 + DAY + 120_000)]),
    ).skills;
    expect(m.multiply!.flaggedAt).toBeNull();
  });

  it('reviews the item card with the graded rating, as ts-fsrs would', () => {
    const state = pacer.learner.replay('ada', [attempt('count-mid', true, T0, { responseTimeMs: 5_000 })]);
    const card = pacer.memory(state).items['count-mid']!;
    expect(card).toEqual(pacer.scheduler.review(undefined, 'easy', T0)); // 5 s < 0.5 × 60 s: easy
    expect(pacer.retrievability(state, 'count-mid', T0 + DAY)).toBe(
      pacer.scheduler.retrievability(card, T0 + DAY),
    );
    expect(pacer.retrievability(state, 'add-mid', T0)).toBe(0);
  });
});
