import { createRandom, type Random, type SkillGraph } from '@pacekit/core';
import { FSRS6_DEFAULT_DECAY, forgetting_curve } from 'ts-fsrs';

const DAY = 86_400_000;

/**
 * Probability of recall `days` after the last practice, for memory stability `stability`
 * (days): ts-fsrs's FSRS-6 forgetting curve with its default decay.
 */
export function recall(stability: number, days: number): number {
  return forgetting_curve(FSRS6_DEFAULT_DECAY, days, stability);
}

/** A simulated learner's ground truth: individual rates and, per skill, what they really know. */
export interface SimulatedLearner {
  id: string;
  /** P(learning a skill) from one practice with its prerequisites known. */
  learnRate: number;
  /** P(right | not known or not recalled). */
  guess: number;
  /** P(wrong | known and recalled). */
  slip: number;
  /** Memory stability (days) right after learning a skill. */
  initialStability: number;
  /** Per skill: known, its memory stability (days) and last practice (ms); absent = never learned. */
  skills: Map<string, { stability: number; lastPractice: number }>;
  /** Ability on the logit scale (the ability × difficulty truth). */
  ability?: number;
  /** Acquisition stage per skill (the staged truth). */
  stages?: Map<string, number>;
  /** Skills learned and then forgotten (the staged truth). */
  forgotten?: Map<string, boolean>;
}

/** Options of {@link createPopulation}. */
export interface PopulationOptions {
  /** Learners to simulate. */
  size: number;
  /** Seed: the same seed gives the same learners. */
  seed: number;
  /** Median learn rate (default 0.25); individual rates vary log-normally around it. */
  learnRate?: number;
}

/** A seeded population of simulated learners with individual rates. */
export function createPopulation(options: PopulationOptions): SimulatedLearner[] {
  const random = createRandom(options.seed);
  const median = options.learnRate ?? 0.25;
  return Array.from({ length: options.size }, (_, i) => ({
    id: `sim-${i}`,
    learnRate: Math.min(0.9, median * Math.exp(0.5 * random.normal())),
    guess: random.uniform(0.1, 0.25),
    slip: random.uniform(0.05, 0.15),
    initialStability: Math.exp(Math.log(1.5) + 0.4 * random.normal()),
    skills: new Map(),
  }));
}

/** Whether the learner has learned a skill (they may still have forgotten it since). */
export function knows(learner: SimulatedLearner, skillId: string): boolean {
  return learner.skills.has(skillId);
}

/** P(the learner recalls the skill at `now`): 0 if never learned. */
export function recallProbability(learner: SimulatedLearner, skillId: string, now: number): number {
  const memory = learner.skills.get(skillId);
  return memory ? recall(memory.stability, Math.max(0, now - memory.lastPractice) / DAY) : 0;
}

/**
 * One practice of `skillId` at `now`: the response (from guess/slip and recall), then learning
 * (a skill not known is learned with the learner's rate, ×0.2 while a prerequisite is not
 * known) and memory (a recalled skill's stability grows the more it had decayed — the spacing
 * effect; a forgotten one is relearned with a shorter stability).
 */
export function practise(
  learner: SimulatedLearner,
  graph: SkillGraph,
  skillId: string,
  now: number,
  random: Random,
): boolean {
  const memory = learner.skills.get(skillId);
  const r = memory ? recall(memory.stability, Math.max(0, now - memory.lastPractice) / DAY) : 0;
  const recalled = memory !== undefined && random.next() < r;
  const correct = recalled ? random.next() >= learner.slip : random.next() < learner.guess;
  if (memory) {
    memory.stability = recalled
      ? memory.stability * (1.2 + 3 * (1 - r))
      : Math.max(0.3, memory.stability * 0.4);
    memory.lastPractice = now;
  } else {
    const ready = graph.prerequisitesOf(skillId).every((p) => learner.skills.has(p.skillId));
    if (random.next() < learner.learnRate * (ready ? 1 : 0.2))
      learner.skills.set(skillId, { stability: learner.initialStability, lastPractice: now });
  }
  return correct;
}
