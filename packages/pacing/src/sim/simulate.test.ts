import { createRandom, createSkillGraph } from '@pacekit/core';
import { describe, expect, it } from 'vitest';
import { createPacer } from '../createPacer';
import { createPopulation, practise, recall } from './learners';
import { fixedOrderPolicy, pacekitPolicy, randomPolicy } from './policies';
import { simulate } from './simulate';

const skills = Array.from({ length: 8 }, (_, i) => ({
  id: `s${i}`,
  prerequisites: i > 0 ? [`s${i - 1}`] : [],
}));
const items = skills.flatMap((s) => [0, 1].map((k) => ({ id: `${s.id}-${k}`, skills: [s.id] })));
const pacer = createPacer({
  skills,
  items,
  bkt: {
    kind: 'bkt',
    schemaVersion: 1,
    skills: {},
    defaultParams: { pInit: 0.05, pLearn: 0.2, pGuess: 0.18, pSlip: 0.1 },
  },
});

describe('simulated learners', () => {
  it('answer at their ground-truth rates, within sampling error', () => {
    const graph = createSkillGraph([{ id: 'a' }]);
    const [learner] = createPopulation({ size: 1, seed: 4 });
    const random = createRandom(9);
    // Never learns (learn rate 0): P(right) is the guess rate.
    const novice = { ...learner!, learnRate: 0, skills: new Map() };
    let right = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (practise(novice, graph, 'a', i, random)) right++;
    const se = Math.sqrt((novice.guess * (1 - novice.guess)) / n);
    expect(Math.abs(right / n - novice.guess)).toBeLessThan(4 * se);
    // Knows it and practises at once (recall 1): P(right) is 1 − slip.
    const expert = { ...learner!, skills: new Map() };
    let correct = 0;
    for (let i = 0; i < n; i++) {
      expert.skills.set('a', { stability: 1e9, lastPractice: i });
      if (practise(expert, graph, 'a', i, random)) correct++;
    }
    const se2 = Math.sqrt((expert.slip * (1 - expert.slip)) / n);
    expect(Math.abs(correct / n - (1 - expert.slip))).toBeLessThan(4 * se2);
  });

  it('forget along the FSRS-6 curve: 90% recall after `stability` days', () => {
    expect(recall(3, 3)).toBeCloseTo(0.9, 12);
    expect(recall(3, 0)).toBe(1);
    expect(recall(3, 10)).toBeLessThan(recall(3, 5));
  });
});

describe('simulate', () => {
  it('is reproducible to the last digit for a seed', async () => {
    const a = await simulate({ pacer, policy: pacekitPolicy(pacer), learners: 8, days: 5, seed: 3 });
    const b = await simulate({ pacer, policy: pacekitPolicy(pacer), learners: 8, days: 5, seed: 3 });
    expect(b).toEqual(a);
    const c = await simulate({ pacer, policy: pacekitPolicy(pacer), learners: 8, days: 5, seed: 4 });
    expect(c).not.toEqual(a);
  });

  it('reports what the policies did: learning grows day by day; random order practises out of order', async () => {
    const options = { pacer, learners: 20, days: 10, seed: 1 };
    const [ours, fixed, random] = await Promise.all([
      simulate({ ...options, policy: pacekitPolicy(pacer) }),
      simulate({ ...options, policy: fixedOrderPolicy(pacer) }),
      simulate({ ...options, policy: randomPolicy(pacer) }),
    ]);
    for (const report of [ours, fixed, random]) {
      for (let d = 1; d < report.learnedByDay.length; d++)
        expect(report.learnedByDay[d]!).toBeGreaterThanOrEqual(report.learnedByDay[d - 1]! - 1e-12);
      expect(report.meanRetention).toBeGreaterThan(0);
      expect(report.meanRetention).toBeLessThanOrEqual(1);
    }
    expect(random.meanUnderPractice).toBeGreaterThan(ours.meanUnderPractice);
    expect(ours.meanUnderPractice).toBeLessThan(fixed.meanUnderPractice + 1);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      simulate({ pacer, policy: randomPolicy(pacer), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
