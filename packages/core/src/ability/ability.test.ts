import { describe, expect, it } from 'vitest';
import { createSkillGraph } from '../graph';
import { createRandom } from '../random';
import { createAdaptiveTest } from './adaptiveTest';
import { calibrateElo, createEloRatings, eloPredict, eloUpdate } from './elo';
import { createGraphPlacement } from './graphPlacement';
import { type ItemBank, irtProbability } from './irt';

function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const r = new Array<number>(v.length);
    order.forEach(({ i }, k) => {
      r[i] = k;
    });
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const n = x.length;
  const d2 = rx.reduce((s, r, i) => s + (r - ry[i]!) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('Elo with an uncertainty function', () => {
  it('updates by K(n) = α/(1+βn) × (result − prediction), worked by hand', () => {
    const ratings = createEloRatings({ alpha: 1, beta: 0.5 });
    // First answer: P = σ(0) = 0.5; K(0) = 1; a correct answer moves θ +0.5 and d −0.5.
    expect(eloUpdate(ratings, { learnerId: 'l', itemId: 'i', skillId: 's', correct: true })).toBe(0.5);
    expect(ratings.learners.l!.theta).toBe(0.5);
    expect(ratings.learners.l!.skills.s!.offset).toBe(0.5);
    expect(ratings.items.i!.difficulty).toBe(-0.5);
    // Second: P = σ(0.5 + 0.5 + 0.5) = σ(1.5); K(1) = 1/1.5.
    const p = 1 / (1 + Math.exp(-1.5));
    expect(eloUpdate(ratings, { learnerId: 'l', itemId: 'i', skillId: 's', correct: false })).toBeCloseTo(
      p,
      12,
    );
    expect(ratings.learners.l!.theta).toBeCloseTo(0.5 - p / 1.5, 12);
  });

  it('converges to the true ranking of item difficulties (Spearman ρ ≥ 0.9) and predicts unseen items', () => {
    const random = createRandom(8);
    const difficulties = Array.from({ length: 50 }, () => random.normal());
    const abilities = Array.from({ length: 600 }, () => random.normal());
    const answers = [];
    for (let round = 0; round < 15; round++) {
      for (let l = 0; l < abilities.length; l++) {
        const i = random.int(difficulties.length);
        const p = 1 / (1 + Math.exp(-(abilities[l]! - difficulties[i]!)));
        answers.push({ learnerId: `l${l}`, itemId: `i${i}`, correct: random.next() < p });
      }
    }
    const ratings = calibrateElo(answers);
    const fitted = difficulties.map((_, i) => ratings.items[`i${i}`]?.difficulty ?? 0);
    expect(spearman(fitted, difficulties)).toBeGreaterThanOrEqual(0.9);
    const p = eloPredict(ratings, 'l0', 'never-seen');
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });
});

describe('adaptive test (CAT)', () => {
  const random = createRandom(2);
  const bank: ItemBank = {
    kind: 'irt-bank',
    schemaVersion: 1,
    model: '2pl',
    items: Array.from({ length: 300 }, (_, j) => ({
      id: `q${j}`,
      a: 0.8 + random.next() * 1.2,
      b: random.normal() * 1.5,
      c: 0,
    })),
  };

  it('asks the most informative item, stops at the SE target, and lands near the true ability', () => {
    const truth = 1.1;
    const answers = createRandom(5);
    const test = createAdaptiveTest(bank, { seTarget: 0.3, maxItems: 40 });
    const first = test.next()!;
    // At θ = 0 the most informative 2PL item maximises a²P(1−P).
    const info = (i: (typeof bank.items)[number]) =>
      i.a * i.a * irtProbability(i, 0) * (1 - irtProbability(i, 0));
    expect(info(first)).toBe(Math.max(...bank.items.map(info)));
    test.answer(first.id, answers.next() < irtProbability(first, truth));
    for (let item = test.next(); item; item = test.next())
      test.answer(item.id, answers.next() < irtProbability(item, truth));
    expect(test.stopReason()).toBe('se-target');
    expect(test.estimate().se).toBeLessThanOrEqual(0.3);
    expect(Math.abs(test.estimate().theta - truth)).toBeLessThan(0.75);
    expect(test.asked.length).toBeLessThan(40);
  });

  it('balances content areas and refuses answers out of turn', () => {
    const areaOf = Object.fromEntries(
      bank.items.map((item, j) => [item.id, j % 3 === 0 ? 'algebra' : 'geometry']),
    );
    const test = createAdaptiveTest(bank, {
      maxItems: 10,
      seTarget: 0.01,
      content: { targets: { algebra: 0.5, geometry: 0.5 }, areaOf },
      randomesque: 3,
      seed: 1,
    });
    for (let item = test.next(); item; item = test.next()) test.answer(item.id, true);
    const algebra = test.asked.filter((a) => areaOf[a.itemId] === 'algebra').length;
    expect(algebra).toBe(5);
    expect(test.stopReason()).toBe('max-items');
    const other = createAdaptiveTest(bank);
    other.next();
    expect(() => other.answer('nope', true)).toThrow(/unknown item/);
  });
});

describe('skill-graph placement', () => {
  it('classifies ≥ 90% of a 30-skill graph correctly in fewer questions than skills', () => {
    // A 30-skill graph: five strands of six, later strands building on earlier ones.
    const skills = Array.from({ length: 30 }, (_, i) => ({
      id: `s${i}`,
      prerequisites: [...(i % 6 > 0 ? [`s${i - 1}`] : []), ...(i >= 6 && i % 6 === 0 ? [`s${i - 6}`] : [])],
    }));
    const graph = createSkillGraph(skills);
    let correct = 0;
    let total = 0;
    let questions = 0;
    const runs = 20;
    for (let run = 0; run < runs; run++) {
      const random = createRandom(100 + run);
      // A true knowledge state: prerequisites first, each skill known with probability `level`.
      const level = random.next();
      const known = new Set<string>();
      for (const id of graph.topologicalOrder) {
        if (graph.prerequisitesOf(id).every((p) => known.has(p.skillId)) && random.next() < level)
          known.add(id);
      }
      const placement = createGraphPlacement(graph, { seed: run });
      for (let skill = placement.next(); skill; skill = placement.next()) {
        const right = known.has(skill) ? random.next() >= 0.1 : random.next() < 0.2;
        placement.answer(skill, right);
      }
      const result = placement.result();
      questions += result.questions;
      for (const id of graph.topologicalOrder) {
        total++;
        if (result.pMastery[id]! >= 0.5 === known.has(id)) correct++;
      }
    }
    const accuracy = correct / total;
    const meanQuestions = questions / runs;
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(meanQuestions).toBeLessThan(30);
  });
});
