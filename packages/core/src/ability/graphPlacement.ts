import { PacekitError } from '../errors';
import type { SkillGraph } from '../graph';
import { createRandom } from '../random';

/** Options of {@link createGraphPlacement}. */
export interface GraphPlacementOptions {
  /** Classify a skill once P(mastered) is at least this, or at most 1 − this (default 0.9). */
  confidence?: number;
  /** P(wrong | mastered) (default 0.1). */
  slip?: number;
  /** P(right | not mastered) (default 0.2). */
  guess?: number;
  /** Stop after this many questions (default: the number of skills). */
  maxQuestions?: number;
  /** Knowledge states sampled to represent the belief (default 4,000). */
  particles?: number;
  /** Seed of the sampling. */
  seed?: number;
}

/** Where a placement ended up. */
export interface PlacementResult {
  /** P(mastered) per skill. */
  pMastery: Record<string, number>;
  /** Skills classified mastered / not mastered / still uncertain. */
  mastered: string[];
  notMastered: string[];
  uncertain: string[];
  /** Questions asked. */
  questions: number;
}

/** A skill-graph placement in progress. */
export interface GraphPlacement {
  /** The skill to ask about next, or null when every skill is classified (or the cap is hit). */
  next(): string | null;
  /** Records an answer to a question on `skillId`. */
  answer(skillId: string, correct: boolean): void;
  /** The current beliefs and classification. */
  result(): PlacementResult;
}

/**
 * A placement over a skill graph in the spirit of ALEKS's initial assessment. The belief is a
 * weighted sample of knowledge states — sets of mastered skills closed under prerequisites
 * (a skill is only mastered with all its prerequisites), drawn from a prior that mixes novices
 * and experts. Each answer reweights the states by its likelihood (slip/guess), so a correct
 * answer raises the belief in the skill's prerequisites and a wrong one lowers it in its
 * dependants. The next question is on the skill whose P(mastered) is closest to ½; the
 * placement stops when every skill is classified at `confidence`. The result's `pMastery` seeds
 * the learner's BKT priors (a `placement` event), so pacing starts at the right place.
 */
export function createGraphPlacement(graph: SkillGraph, options: GraphPlacementOptions = {}): GraphPlacement {
  const confidence = options.confidence ?? 0.9;
  const slip = options.slip ?? 0.1;
  const guess = options.guess ?? 0.2;
  const ids = graph.topologicalOrder;
  const S = ids.length;
  const maxQuestions = options.maxQuestions ?? S;
  const N = options.particles ?? 4000;
  if (!(confidence > 0.5 && confidence < 1) || !(slip >= 0 && slip < 0.5) || !(guess >= 0 && guess < 0.5)) {
    throw new PacekitError(
      'INVALID_INPUT',
      'createGraphPlacement: confidence must be in (0.5, 1), slip and guess in [0, 0.5)',
    );
  }
  const index = new Map(ids.map((id, i) => [id, i]));
  const prereqs = ids.map((id) => graph.prerequisitesOf(id).map((p) => index.get(p.skillId)!));
  const random = createRandom(options.seed ?? 0);
  // Each particle: a learner level u ~ U(0, 1); in topological order a skill is mastered with
  // probability u when all its prerequisites are.
  const states = new Uint8Array(N * S);
  for (let n = 0; n < N; n++) {
    const u = random.next();
    for (let s = 0; s < S; s++) {
      const ready = prereqs[s]!.every((p) => states[n * S + p] === 1);
      states[n * S + s] = ready && random.next() < u ? 1 : 0;
    }
  }
  const logWeight = new Float64Array(N);
  let questions = 0;
  const asked = new Set<string>();

  const marginals = (): Float64Array => {
    let max = Number.NEGATIVE_INFINITY;
    for (let n = 0; n < N; n++) if (logWeight[n]! > max) max = logWeight[n]!;
    const p = new Float64Array(S);
    let total = 0;
    for (let n = 0; n < N; n++) {
      const w = Math.exp(logWeight[n]! - max);
      total += w;
      for (let s = 0; s < S; s++) if (states[n * S + s]) p[s]! += w;
    }
    for (let s = 0; s < S; s++) p[s]! /= total;
    return p;
  };

  const result = (): PlacementResult => {
    const p = marginals();
    const out: PlacementResult = { pMastery: {}, mastered: [], notMastered: [], uncertain: [], questions };
    ids.forEach((id, s) => {
      out.pMastery[id] = p[s]!;
      if (p[s]! >= confidence) out.mastered.push(id);
      else if (p[s]! <= 1 - confidence) out.notMastered.push(id);
      else out.uncertain.push(id);
    });
    return out;
  };

  return {
    result,
    next: () => {
      if (questions >= maxQuestions) return null;
      const p = marginals();
      let best: string | null = null;
      let distance = Number.POSITIVE_INFINITY;
      ids.forEach((id, s) => {
        const certain = p[s]! >= confidence || p[s]! <= 1 - confidence;
        const d = Math.abs(p[s]! - 0.5);
        if (!certain && d < distance) {
          distance = d;
          best = id;
        }
      });
      return best;
    },
    answer: (skillId, correct) => {
      const s = index.get(skillId);
      if (s === undefined)
        throw new PacekitError('UNKNOWN_SKILL', `Placement: unknown skill "${skillId}"`, { skillId });
      questions++;
      asked.add(skillId);
      const right = Math.log(1 - slip);
      const wrongKnown = Math.log(Math.max(slip, 1e-12));
      const rightGuess = Math.log(Math.max(guess, 1e-12));
      const wrongUnknown = Math.log(1 - guess);
      for (let n = 0; n < N; n++) {
        const known = states[n * S + s] === 1;
        logWeight[n]! += known ? (correct ? right : wrongKnown) : correct ? rightGuess : wrongUnknown;
      }
    },
  };
}
