import { createRandom, type Item, type Random, type SkillGraph } from '@pacekit/core';
import { createPopulation, practise, recallProbability, type SimulatedLearner } from './learners';

const DAY = 86_400_000;

/**
 * How simulated learners really learn, answer and forget: the ground truth a policy is measured
 * against. Several families, so that a policy cannot win only because the simulator shares its
 * own assumptions.
 */
export interface GroundTruth {
  /** Name in reports. */
  name: string;
  /** A seeded population of `size` learners (the same seed gives the same learners). */
  population(size: number, seed: number): SimulatedLearner[];
  /** One attempt on `item` at `now`: the response, after which learning and memory are updated. */
  attempt(learner: SimulatedLearner, graph: SkillGraph, item: Item, now: number, random: Random): boolean;
  /** P(the learner answers the skill right from memory at `now`) — 0 if never learned. */
  recall(learner: SimulatedLearner, skillId: string, now: number): number;
  /** Whether the learner has learned the skill (they may have forgotten it since). */
  knows(learner: SimulatedLearner, skillId: string): boolean;
  /**
   * Whether responses depend on items' `difficulty`. A course paced against a truth where they do
   * not should not claim difficulties (the benchmark strips them), or the pacer's predictions
   * would be shifted by differences that are not there.
   */
  itemDifficulty?: boolean;
  /** Whether the learner gives up the day's session after `missesInRow` misses in a row. */
  quits?(learner: SimulatedLearner, missesInRow: number, random: Random): boolean;
}

/**
 * Pacekit's own assumptions: BKT-like acquisition (one practice with the prerequisites known
 * teaches the skill with the learner's rate) and FSRS-6 forgetting. See {@link practise}.
 */
export const bktFsrsTruth: GroundTruth = {
  name: 'BKT + FSRS',
  population: (size, seed) => createPopulation({ size, seed }),
  attempt: (learner, graph, item, now, random) => practise(learner, graph, item.skills[0]!, now, random),
  recall: recallProbability,
  knows: (learner, skillId) => learner.skills.has(skillId),
};

/**
 * Acquisition in stages with exponential forgetting: a skill is learned in two steps (half
 * known answers right half the time), each step taken with the learner's rate when the
 * prerequisites are known (×0.2 otherwise); memory decays as exp(−t/τ), τ starting at
 * `initialStability` days and growing ×2.5 with each recall at least 12 hours after the last.
 */
export const stagedTruth: GroundTruth = {
  name: 'Staged + exponential memory',
  population: (size, seed) =>
    createPopulation({ size, seed, learnRate: 0.4 }).map((l) => ({
      ...l,
      stages: new Map<string, number>(),
    })),
  attempt: (learner, graph, item, now, random) => {
    const skillId = item.skills[0]!;
    const stages = learner.stages!;
    const stage = stages.get(skillId) ?? 0;
    const memory = learner.skills.get(skillId);
    const r = stage === 2 && memory ? expRecall(memory.stability, now - memory.lastPractice) : 0;
    const recalled = random.next() < r;
    const pRight = recalled ? 1 - learner.slip : stage >= 1 ? 0.5 : learner.guess;
    const correct = random.next() < pRight;
    if (stage === 2 && memory) {
      if (recalled && now - memory.lastPractice >= DAY / 2) memory.stability *= 2.5;
      if (!recalled) {
        stages.set(skillId, 1);
        learner.skills.delete(skillId);
        learner.forgotten = (learner.forgotten ?? new Map()).set(skillId, true);
      } else memory.lastPractice = now;
      return correct;
    }
    const ready = graph
      .prerequisitesOf(skillId)
      .every((p) => learner.skills.has(p.skillId) || learner.forgotten?.has(p.skillId));
    if (random.next() < learner.learnRate * (ready ? 1 : 0.2)) {
      stages.set(skillId, stage + 1);
      if (stage + 1 === 2)
        learner.skills.set(skillId, { stability: learner.initialStability, lastPractice: now });
    }
    return correct;
  },
  recall: (learner, skillId, now) => {
    const memory = learner.skills.get(skillId);
    return memory ? expRecall(memory.stability, now - memory.lastPractice) : 0;
  },
  knows: (learner, skillId) => learner.skills.has(skillId) || learner.forgotten?.has(skillId) === true,
};

function expRecall(stabilityDays: number, elapsedMs: number): number {
  return Math.exp(-Math.max(0, elapsedMs) / DAY / stabilityDays);
}

/**
 * Responses from item difficulty × learner ability (a Rasch model): P(right) =
 * σ(θ − δ + 2.2) when the skill is recalled, σ(θ − δ − 1.5) otherwise, with δ the item's
 * `difficulty`; abler learners also learn faster (rate × e^{0.4θ}). Memory as FSRS-6.
 */
export const abilityTruth: GroundTruth = {
  name: 'Ability × difficulty',
  population: (size, seed) => {
    const random = createRandom(seed).fork(77);
    return createPopulation({ size, seed }).map((l) => {
      const ability = random.normal();
      return { ...l, ability, learnRate: Math.min(0.9, l.learnRate * Math.exp(0.4 * ability)) };
    });
  },
  attempt: (learner, graph, item, now, random) => {
    const skillId = item.skills[0]!;
    const r = recallProbability(learner, skillId, now);
    const logit = (learner.ability ?? 0) - (item.difficulty ?? 0) + (random.next() < r ? 2.2 : -1.5);
    const correct = random.next() < 1 / (1 + Math.exp(-logit));
    // Learning and memory as in the BKT + FSRS truth; its own response draw is discarded.
    practise(learner, graph, skillId, now, random);
    return correct;
  },
  recall: recallProbability,
  knows: (learner, skillId) => learner.skills.has(skillId),
  itemDifficulty: true,
};

/**
 * The same learners as `truth`, who give up the day's session after `after` misses in a row
 * with probability one half per further miss.
 */
export function givingUp(truth: GroundTruth, after = 3): GroundTruth {
  return {
    ...truth,
    name: `${truth.name}, giving up`,
    quits: (_learner, missesInRow, random) => missesInRow >= after && random.next() < 0.5,
  };
}

/** The ground-truth families of the benchmark. */
export const GROUND_TRUTHS: readonly GroundTruth[] = [
  bktFsrsTruth,
  stagedTruth,
  abilityTruth,
  givingUp(bktFsrsTruth),
];
