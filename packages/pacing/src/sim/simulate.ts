import {
  createRandom,
  type LearnerState,
  type LongWorkOptions,
  type Random,
  throwIfAborted,
} from '@pacekit/core';
import type { Pacer } from '../createPacer';
import { createPopulation, knows, practise, recallProbability, type SimulatedLearner } from './learners';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** What a policy sees when it chooses: the learner's Pacekit state and the clock. */
export interface PolicyContext {
  /** The learner's state as Pacekit folds their attempts. */
  state: LearnerState;
  /** Now (epoch ms). */
  now: number;
  /** The policy's own random stream. */
  random: Random;
}

/** A way of choosing what a learner does next. */
export interface SimPolicy {
  /** Name in reports. */
  name: string;
  /** A fresh chooser for one learner (policies may keep per-learner memory). */
  start(): {
    /** The item to do now, or null to stop for the day. */
    choose(context: PolicyContext): string | null;
    /** Told each result. */
    observe?(itemId: string, correct: boolean): void;
  };
}

/**
 * Pacekit's own policy: the top of `pacer.next()`; the learner stops for the day when all that
 * is left is maintenance of a fully mastered course (`all-mastered`).
 */
export function pacekitPolicy(pacer: Pacer): SimPolicy {
  return {
    name: 'Pacekit',
    start: () => ({
      choose: ({ state, now }) => {
        const [top] = pacer.next(state, { now, limit: 1 });
        return top && top.reasons[0]?.code !== 'all-mastered' ? top.itemId : null;
      },
    }),
  };
}

/**
 * The one-size-fits-all baseline: skills in a fixed (topological) order, each practised until
 * `streak` answers in a row are right, then never again.
 */
export function fixedOrderPolicy(pacer: Pacer, streak = 3): SimPolicy {
  return {
    name: `Fixed order, ${streak} in a row`,
    start: () => {
      let index = 0;
      let run = 0;
      let turn = 0;
      const order = pacer.graph.topologicalOrder;
      return {
        choose: () => {
          const skillId = order[index];
          if (skillId === undefined) return null;
          const items = pacer.catalog.itemsForSkill(skillId);
          return items[turn++ % items.length]?.id ?? null;
        },
        observe: (_itemId, correct) => {
          run = correct ? run + 1 : 0;
          if (run >= streak) {
            index++;
            run = 0;
          }
        },
      };
    },
  };
}

/** The random baseline: any item, at random. */
export function randomPolicy(pacer: Pacer): SimPolicy {
  return {
    name: 'Random order',
    start: () => ({
      choose: ({ random }) => pacer.catalog.items[random.int(pacer.catalog.items.length)]?.id ?? null,
    }),
  };
}

/** Options of {@link simulate}. */
export interface SimulationOptions extends LongWorkOptions {
  pacer: Pacer;
  policy: SimPolicy;
  /** Learners (default: a population of 100 from `seed`). */
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
}

/** One simulated learner's outcome. */
export interface LearnerOutcome {
  /** Practice minutes until every skill was truly learned, or null if never. */
  minutesToMastery: number | null;
  /** Share of the course's skills answered right on the delayed post-test (expected value). */
  retention: number;
  /** Attempts on skills already learned and recalled with probability ≥ 0.95. */
  overPractice: number;
  /** Attempts on skills whose prerequisites were not yet learned. */
  underPractice: number;
  /** Share of skills learned at the end of each day. */
  learnedByDay: number[];
}

/** What {@link simulate} reports. */
export interface SimulationReport {
  policy: string;
  learners: LearnerOutcome[];
  /** Median minutes to mastery over learners (those who never got there count as longest); null if most never did. */
  medianMinutesToMastery: number | null;
  /** Learners who learned every skill. */
  masteredShare: number;
  /** Mean delayed retention. */
  meanRetention: number;
  /** Mean over-practice attempts per learner. */
  meanOverPractice: number;
  /** Mean under-practice attempts per learner. */
  meanUnderPractice: number;
  /** Mean share of skills learned at the end of each day. */
  learnedByDay: number[];
}

/**
 * Runs a policy over a seeded population of simulated learners: every day, `minutesPerDay`
 * of practice (each item takes its `durationSeconds`), each attempt answered from the
 * learner's ground truth and folded into their Pacekit state. The same options and seed give
 * the same report, to the last digit.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  const { pacer, policy } = options;
  const days = options.days ?? 30;
  const minutesPerDay = options.minutesPerDay ?? 20;
  const delay = options.postTestDelayDays ?? 30;
  const seed = options.seed ?? 0;
  const start = options.start ?? Date.UTC(2026, 0, 5, 9);
  const population = createPopulation({ size: options.learners ?? 100, seed });
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
    const learnedByDay: number[] = [];
    let n = 0;
    for (let day = 0; day < days; day++) {
      let clock = start + day * DAY;
      const end = clock + minutesPerDay * MINUTE;
      while (clock < end) {
        const itemId = chooser.choose({ state, now: clock, random: policyRandom });
        if (itemId === null) break;
        const item = pacer.catalog.get(itemId);
        const skillId = item.skills[0]!;
        if (knows(learner, skillId) && recallProbability(learner, skillId, clock) >= 0.95) overPractice++;
        if (!pacer.graph.prerequisitesOf(skillId).every((p) => knows(learner, p.skillId))) underPractice++;
        const correct = practise(learner, pacer.graph, skillId, clock, random);
        chooser.observe?.(itemId, correct);
        state = pacer.learner.apply(state, {
          id: `s${n++}`,
          learnerId: learner.id,
          at: clock,
          type: 'attempt',
          itemId,
          correct,
          hintsUsed: 0,
        });
        clock += item.durationSeconds * 1000;
        minutes += item.durationSeconds / 60;
        if (minutesToMastery === null && skills.every((s) => knows(learner, s))) minutesToMastery = minutes;
      }
      learnedByDay.push(skills.filter((s) => knows(learner, s)).length / skills.length);
    }
    // The post-test: each skill once, `delay` days after the last day (expected score).
    const test = start + (days + delay) * DAY;
    let expected = 0;
    for (const s of skills) {
      const r = recallProbability(learner, s, test);
      expected += r * (1 - learner.slip) + (1 - r) * learner.guess;
    }
    return {
      minutesToMastery,
      retention: expected / skills.length,
      overPractice,
      underPractice,
      learnedByDay,
    };
  }

  const times = outcomes.map((o) => o.minutesToMastery ?? Number.POSITIVE_INFINITY).sort((a, b) => a - b);
  const middle = times[Math.floor((times.length - 1) / 2)]!;
  const mean = (f: (o: LearnerOutcome) => number) => outcomes.reduce((s, o) => s + f(o), 0) / outcomes.length;
  return {
    policy: policy.name,
    learners: outcomes,
    medianMinutesToMastery: Number.isFinite(middle) ? middle : null,
    masteredShare: mean((o) => (o.minutesToMastery === null ? 0 : 1)),
    meanRetention: mean((o) => o.retention),
    meanOverPractice: mean((o) => o.overPractice),
    meanUnderPractice: mean((o) => o.underPractice),
    learnedByDay: Array.from({ length: days }, (_, d) => mean((o) => o.learnedByDay[d]!)),
  };
}
