import { createRandom, type LongWorkOptions, throwIfAborted } from '@pacekit/core';
import type { Pacer } from '../createPacer';
import type { SimulatedLearner } from './learners';
import type { SimPolicy } from './policies';
import { bktFsrsTruth, type GroundTruth } from './truths';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Options of {@link simulate}. */
export interface SimulationOptions extends LongWorkOptions {
  pacer: Pacer;
  policy: SimPolicy;
  /** How the simulated learners learn, answer and forget (default {@link bktFsrsTruth}). */
  truth?: GroundTruth;
  /** Learners (default 100). */
  learners?: number;
  /** Days to simulate (default 30). */
  days?: number;
  /** Practice minutes per day (default 20). */
  minutesPerDay?: number;
  /** Delay of the post-test after the last day, in days (default 30). */
  postTestDelayDays?: number;
  /** Seed of the population and of every draw. */
  seed?: number;
  /** Start of day 1 (epoch ms; default 2026-01-05 09:00 UTC). */
  start?: number;
  /** Attempts on skills not yet learned, in a day that teaches no new skill, that make the day "stuck" (default 10). */
  stuckAttempts?: number;
}

/** Predictions against outcomes for one kind of activity. */
export interface KindCalibration {
  /** Attempts of this kind. */
  count: number;
  /** Mean predicted success. */
  predicted: number;
  /** Share answered right. */
  actual: number;
}

/** One simulated learner's outcome. */
export interface LearnerOutcome {
  /** Practice minutes until every skill was truly learned, or null if never. */
  minutesToMastery: number | null;
  /** Minutes practised in all. */
  minutesPractised: number;
  /** Attempts in all. */
  attempts: number;
  /** Share of the course's skills answered right on the delayed post-test (expected value). */
  retention: number;
  /** Attempts on skills already learned and recalled with probability ≥ 0.95. */
  overPractice: number;
  /** Attempts on skills whose prerequisites were not yet learned. */
  underPractice: number;
  /** Days with at least `stuckAttempts` attempts on skills not yet learned that taught no new skill: struggle without progress. */
  stuckDays: number;
  /** Sessions the learner gave up before the day's minutes were over. */
  quits: number;
  /** Share of skills learned at the end of each day. */
  learnedByDay: number[];
  /** Per kind of activity (when the policy says), predictions against outcomes. */
  byKind: Record<string, { count: number; predicted: number; right: number }>;
}

/** What {@link simulate} reports. */
export interface SimulationReport {
  policy: string;
  truth: string;
  learners: LearnerOutcome[];
  /** Median minutes to mastery over learners (those who never got there count as longest); null if most never did. */
  medianMinutesToMastery: number | null;
  /** Learners who learned every skill. */
  masteredShare: number;
  /** Mean delayed retention. */
  meanRetention: number;
  /** Mean over-practice attempts per learner. */
  meanOverPractice: number;
  /** Share of all attempts spent on skills already known (over-practice). */
  knownPracticeShare: number;
  /** Mean under-practice attempts per learner. */
  meanUnderPractice: number;
  /** Learners with at least one stuck day. */
  stuckShare: number;
  /** Mean sessions given up per learner. */
  meanQuits: number;
  /** Mean share of skills learned at the end of each day. */
  learnedByDay: number[];
  /** Predicted against actual success per kind of activity (empty when the policy does not predict). */
  calibration: Record<string, KindCalibration>;
}

/**
 * Runs a policy over a seeded population of simulated learners: every day, `minutesPerDay`
 * of practice (each item takes its `durationSeconds`), each attempt answered from the
 * learner's ground truth and folded into their Pacekit state. The same options and seed give
 * the same report, to the last digit; two policies with the same seed and truth meet the same
 * learners, so their outcomes pair up learner by learner.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  const { pacer, policy } = options;
  const truth = options.truth ?? bktFsrsTruth;
  const days = options.days ?? 30;
  const minutesPerDay = options.minutesPerDay ?? 20;
  const delay = options.postTestDelayDays ?? 30;
  const seed = options.seed ?? 0;
  const start = options.start ?? Date.UTC(2026, 0, 5, 9);
  const stuckAttempts = options.stuckAttempts ?? 10;
  const population = truth.population(options.learners ?? 100, seed);
  const skills = pacer.graph.topologicalOrder;
  const outcomes: LearnerOutcome[] = [];
  for (const [index, learner] of population.entries()) {
    throwIfAborted(options.signal);
    outcomes.push(runLearner(learner, index));
    options.onProgress?.({ phase: policy.name, done: index + 1, total: population.length });
    if (index % 20 === 19) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }

  function runLearner(learner: SimulatedLearner, index: number): LearnerOutcome {
    const random = createRandom(seed).fork(index + 1);
    const policyRandom = createRandom(seed).fork(-(index + 1));
    const chooser = policy.start();
    let state = pacer.learner.initialState(learner.id);
    let minutes = 0;
    let minutesToMastery: number | null = null;
    let overPractice = 0;
    let underPractice = 0;
    let attempts = 0;
    let stuckDays = 0;
    let quits = 0;
    const byKind: LearnerOutcome['byKind'] = {};
    const learnedByDay: number[] = [];
    const known = () => skills.filter((s) => truth.knows(learner, s)).length;
    let n = 0;
    for (let day = 0; day < days; day++) {
      let clock = start + day * DAY;
      const end = clock + minutesPerDay * MINUTE;
      const knownBefore = known();
      let dayTrying = 0;
      let missesInRow = 0;
      while (clock < end) {
        const pick = chooser.choose({ state, now: clock, random: policyRandom });
        if (pick === null) break;
        const choice = typeof pick === 'string' ? { itemId: pick } : pick;
        const item = pacer.catalog.get(choice.itemId);
        const skillId = item.skills[0]!;
        if (truth.knows(learner, skillId) && truth.recall(learner, skillId, clock) >= 0.95) overPractice++;
        if (!pacer.graph.prerequisitesOf(skillId).every((p) => truth.knows(learner, p.skillId)))
          underPractice++;
        if (!truth.knows(learner, skillId)) dayTrying++;
        const correct = truth.attempt(learner, pacer.graph, item, clock, random);
        attempts++;
        if (choice.kind !== undefined) {
          const k = (byKind[choice.kind] ??= { count: 0, predicted: 0, right: 0 });
          k.count++;
          k.predicted += choice.predictedSuccess ?? 0;
          k.right += correct ? 1 : 0;
        }
        chooser.observe?.(choice.itemId, correct);
        state = pacer.learner.apply(state, {
          id: `s${n++}`,
          learnerId: learner.id,
          at: clock,
          type: 'attempt',
          itemId: choice.itemId,
          correct,
          hintsUsed: 0,
        });
        clock += item.durationSeconds * 1000;
        minutes += item.durationSeconds / 60;
        if (minutesToMastery === null && skills.every((s) => truth.knows(learner, s)))
          minutesToMastery = minutes;
        missesInRow = correct ? 0 : missesInRow + 1;
        if (clock < end && truth.quits?.(learner, missesInRow, random)) {
          quits++;
          break;
        }
      }
      const knownAfter = known();
      if (dayTrying >= stuckAttempts && knownAfter === knownBefore) stuckDays++;
      learnedByDay.push(knownAfter / skills.length);
    }
    // The post-test: each skill once, `delay` days after the last day (expected score).
    const test = start + (days + delay) * DAY;
    let expected = 0;
    for (const s of skills) {
      const r = truth.recall(learner, s, test);
      expected += r * (1 - learner.slip) + (1 - r) * learner.guess;
    }
    return {
      minutesToMastery,
      minutesPractised: minutes,
      attempts,
      retention: expected / skills.length,
      overPractice,
      underPractice,
      stuckDays,
      quits,
      learnedByDay,
      byKind,
    };
  }

  const times = outcomes.map((o) => o.minutesToMastery ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const middle = times[Math.floor((times.length - 1) / 2)]!;
  const mean = (f: (o: LearnerOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0) / outcomes.length;
  const sum = (f: (o: LearnerOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  const calibration: Record<string, KindCalibration> = {};
  for (const o of outcomes) {
    for (const [kind, k] of Object.entries(o.byKind)) {
      const c = (calibration[kind] ??= { count: 0, predicted: 0, actual: 0 });
      c.count += k.count;
      c.predicted += k.predicted;
      c.actual += k.right;
    }
  }
  for (const c of Object.values(calibration)) {
    c.predicted /= c.count;
    c.actual /= c.count;
  }
  return {
    policy: policy.name,
    truth: truth.name,
    learners: outcomes,
    medianMinutesToMastery: Number.isFinite(middle) ? middle : null,
    masteredShare: mean((o) => (o.minutesToMastery === null ? 0 : 1)),
    meanRetention: mean((o) => o.retention),
    meanOverPractice: mean((o) => o.overPractice),
    knownPracticeShare:
      sum((o) => o.overPractice) /
      Math.max(
        1,
        sum((o) => o.attempts),
      ),
    meanUnderPractice: mean((o) => o.underPractice),
    stuckShare: mean((o) => (o.stuckDays > 0 ? 1 : 0)),
    meanQuits: mean((o) => o.quits),
    learnedByDay: Array.from({ length: days }, (_, d) => mean((o) => o.learnedByDay[d]!)),
    calibration,
  };
}

/** Paired minutes to learn every skill: `policy` against `baseline`, learner by learner. */
export interface PairedComparison {
  /** Median over learners of policy minutes ÷ baseline minutes. */
  medianRatio: number;
  /** Learners in the comparison: those the baseline got through the course. */
  pairs: number;
  /** Of those, the share the policy got through too. */
  policyFinished: number;
}

/**
 * Compares two reports of the same learners (same seed, truth and course) learner by learner:
 * for each learner the baseline got through the course, policy minutes ÷ baseline minutes,
 * where a learner the policy did not get through counts at all the minutes they practised (so
 * an unfinished learner never flatters the policy). The median of those ratios.
 */
export function comparePaired(policy: SimulationReport, baseline: SimulationReport): PairedComparison {
  const ratios: number[] = [];
  let finished = 0;
  baseline.learners.forEach((b, i) => {
    const p = policy.learners[i];
    if (!p || b.minutesToMastery === null) return;
    if (p.minutesToMastery !== null) finished++;
    ratios.push(
      (p.minutesToMastery ?? Math.max(p.minutesPractised, b.minutesToMastery)) / b.minutesToMastery,
    );
  });
  ratios.sort((a, b) => a - b);
  const mid = ratios.length >> 1;
  const medianRatio =
    ratios.length === 0
      ? Number.NaN
      : ratios.length % 2
        ? ratios[mid]!
        : (ratios[mid - 1]! + ratios[mid]!) / 2;
  return {
    medianRatio,
    pairs: ratios.length,
    policyFinished: ratios.length === 0 ? 0 : finished / ratios.length,
  };
}
