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

describe('ground truths, baselines and paired figures', () => {
  it('pairs learners: comparePaired takes the median ratio over those the baseline finished', async () => {
    const { comparePaired } = await import('./simulate');
    const outcome = (minutes: number | null, practised = 600) =>
      ({ minutesToMastery: minutes, minutesPractised: practised }) as never;
    const report = (learners: never[]) => ({ learners }) as never;
    // Ratios: 50/100, 300/200 (unfinished: all 300 minutes practised), 90/90; the fourth is left out (baseline unfinished).
    const paired = comparePaired(
      report([outcome(50), outcome(null, 300), outcome(90), outcome(10)]),
      report([outcome(100), outcome(200), outcome(90), outcome(null)]),
    );
    expect(paired).toEqual({ medianRatio: 1, pairs: 3, policyFinished: 2 / 3 });
  });

  it('the Leitner baseline reviews passed skills: better retention than fixed order alone', async () => {
    const { leitnerPolicy } = await import('./policies');
    const options = { pacer, learners: 30, days: 20, seed: 2 };
    const [fixed, leitner] = [
      await simulate({ ...options, policy: fixedOrderPolicy(pacer) }),
      await simulate({ ...options, policy: leitnerPolicy(pacer) }),
    ];
    expect(leitner.meanRetention).toBeGreaterThan(fixed.meanRetention);
  });

  it('every ground truth gives responses, learning and recall in range, reproducibly', async () => {
    const { GROUND_TRUTHS } = await import('./truths');
    for (const truth of GROUND_TRUTHS) {
      const a = await simulate({
        pacer,
        truth,
        policy: pacekitPolicy(pacer),
        learners: 10,
        days: 5,
        seed: 5,
      });
      expect(a.truth).toBe(truth.name);
      expect(a.meanRetention).toBeGreaterThan(0);
      expect(a.meanRetention).toBeLessThanOrEqual(1);
      expect(a.learnedByDay.at(-1)!).toBeGreaterThan(0);
      expect(
        await simulate({ pacer, truth, policy: pacekitPolicy(pacer), learners: 10, days: 5, seed: 5 }),
      ).toEqual(a);
      for (const c of Object.values(a.calibration)) {
        expect(c.predicted).toBeGreaterThanOrEqual(0);
        expect(c.actual).toBeLessThanOrEqual(1);
      }
    }
  });

  it('learners who give up end the session after misses in a row', async () => {
    const { bktFsrsTruth, givingUp } = await import('./truths');
    const options = { pacer, learners: 20, days: 5, seed: 6, policy: fixedOrderPolicy(pacer) };
    expect((await simulate({ ...options, truth: bktFsrsTruth })).meanQuits).toBe(0);
    expect((await simulate({ ...options, truth: givingUp(bktFsrsTruth) })).meanQuits).toBeGreaterThan(0);
  });
});

describe('followPacer', () => {
  it('returns events whose replay is the final state, a state per session, and stays within the minutes', async () => {
    const { followPacer } = await import('./follow');
    const [learner] = createPopulation({ size: 1, seed: 8 });
    const start = Date.UTC(2026, 0, 5, 9);
    const run = followPacer({
      pacer,
      learner: learner!,
      random: createRandom(3),
      start,
      days: 2,
      minutes: 10,
    });
    expect(run.byDay).toHaveLength(2);
    expect(run.byDay[1]).toBe(run.state);
    expect(pacer.learner.replay(learner!.id, run.events)).toEqual(run.state);
    // Items take a minute: at most ten attempts a session, each inside its session.
    expect(run.events.length).toBeLessThanOrEqual(20);
    for (const e of run.events)
      expect(
        (e.at as number) - start < 86_400_000
          ? (e.at as number) - start
          : (e.at as number) - start - 86_400_000,
      ).toBeLessThan(10 * 60_000);
  });
});
