import { type ResponseTable, selectLearners } from '../data';
import { setOwn } from '../validation';
import type { EmParams } from './em';
import { type FitBktOutput, fitSkills } from './fitBkt';
import { compileIndividual, type IndividualModel, RESPONSE_FEATURES } from './individual';
import { groupByLearner, walkIndividual } from './individualTable';
import { bktPosterior, bktPredict, bktTransition, sigmoid } from './math';
import { type BktModel, type BktSkillParams, DEFAULT_BKT_PARAMS } from './params';
import { buildSkillSequences } from './sequences';

/** Rounds of "each learner to the type that explains them best, then refit each type". */
export const TYPE_PASSES = 2;
/** EM iterations of each type's refit (it starts from the population's parameters). */
const TYPE_MAX_ITERATIONS = 10;
/** Ability step and its decay (Pelánek's uncertainty function), and the recent-accuracy memory. */
const ABILITY_STEP = 0.4;
const ABILITY_DECAY = 0.05;
const RECENT_DECAY = 0.9;
/**
 * Weight of one response as evidence of the learner's type online: 5-fold CV on the shared
 * ASSISTments split gave mean AUC 0.8340 at 1, 0.8343 at 0.5, 0.8345 at 0.3 and at 0.15; a
 * quarter is two square roots online.
 */
const EVIDENCE_WEIGHT = 0.25;
/** Rows the population's response weights are fitted on (an even sample of the table). */
const POPULATION_ROWS = 100_000;
/** Rows the response layer's Newton steps take their curvature from (the gradient uses all). */
const HESSIAN_ROWS = 10_000;
/** Ridge that pulls a skill's response weights toward the population's. */
const SKILL_RIDGE = 3;

type Params = Pick<BktSkillParams, 'pInit' | 'pLearn' | 'pForget' | 'pGuess' | 'pSlip'>;

const pick = (p: BktSkillParams): Params => ({
  pInit: p.pInit,
  pLearn: p.pLearn,
  pForget: p.pForget,
  pGuess: p.pGuess,
  pSlip: p.pSlip,
});

/** Log-likelihood of each learner's responses under one set of skill parameters (`order`: `groupByLearner`'s). */
function learnerLogLikelihoods(
  table: ResponseTable,
  order: Int32Array,
  params: (Params | undefined)[],
  fallback: (Params | undefined)[],
): Float64Array {
  const out = new Float64Array(table.learnerIds.length);
  const mastery = new Float64Array(table.skillIds.length);
  const seen = new Int32Array(table.skillIds.length).fill(-1);
  // Learner by learner (a table may interleave them), each in table order.
  for (const i of order) {
    const learner = table.learner[i]!;
    const k = table.skill[i]!;
    const p = params[k] ?? fallback[k]!;
    if (seen[k] !== learner) {
      seen[k] = learner;
      mastery[k] = p.pInit;
    }
    const l = mastery[k]!;
    const y = table.correct[i]!;
    const right = bktPredict(l, p.pGuess, p.pSlip);
    out[learner]! += Math.log(y ? right : 1 - right);
    mastery[k] = bktTransition(bktPosterior(l, y, p.pGuess, p.pSlip), p.pLearn, p.pForget);
  }
  return out;
}

/** Solves the d×d system `a x = b` in place (Gaussian elimination with partial pivoting). */
function solve(a: Float64Array, b: Float64Array, d: number): Float64Array {
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r * d + c]!) > Math.abs(a[pivot * d + c]!)) pivot = r;
    if (pivot !== c) {
      for (let q = 0; q < d; q++) {
        const t = a[c * d + q]!;
        a[c * d + q] = a[pivot * d + q]!;
        a[pivot * d + q] = t;
      }
      const t = b[c]!;
      b[c] = b[pivot]!;
      b[pivot] = t;
    }
    const diag = a[c * d + c]!;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = a[r * d + c]! / diag;
      if (f === 0) continue;
      for (let q = c; q < d; q++) a[r * d + q]! -= f * a[c * d + q]!;
      b[r]! -= f * b[c]!;
    }
  }
  for (let c = 0; c < d; c++) b[c] = b[c]! / a[c * d + c]!;
  return b;
}

/**
 * Logistic regression by Newton's method over `rows` of `x` (row-major, `d` columns), with a
 * ridge `lambda` toward `prior` (0 without one). Returns the weights.
 */
export function fitLogistic(
  x: Float64Array,
  y: Uint8Array,
  d: number,
  rows: Int32Array | undefined,
  prior: readonly number[] | undefined,
  lambda: number,
  iterations = 12,
): number[] {
  const w = prior ? Float64Array.from(prior) : new Float64Array(d);
  const n = rows ? rows.length : y.length;
  // The Hessian from every `stride`-th row (scaled up), the gradient from all: the same fixed
  // point (gradient 0) at a fraction of the cost on large inputs, a few more steps at most.
  const stride = Math.max(1, Math.floor(n / HESSIAN_ROWS));
  const grad = new Float64Array(d);
  const hess = new Float64Array(d * d);
  for (let it = 0; it < iterations; it++) {
    grad.fill(0);
    hess.fill(0);
    for (let j = 0; j < n; j++) {
      const i = rows ? rows[j]! : j;
      const o = i * d;
      let z = 0;
      for (let a = 0; a < d; a++) z += w[a]! * x[o + a]!;
      const p = sigmoid(z);
      const r = y[i]! - p;
      for (let a = 0; a < d; a++) grad[a]! += r * x[o + a]!;
      if (j % stride !== 0) continue;
      const v = stride * p * (1 - p);
      for (let a = 0; a < d; a++) {
        const va = v * x[o + a]!;
        for (let b = 0; b <= a; b++) hess[a * d + b]! += va * x[o + b]!;
      }
    }
    for (let a = 0; a < d; a++) {
      hess[a * d + a]! += lambda + 1e-6;
      if (prior) grad[a]! -= lambda * (w[a]! - prior[a]!);
      for (let b = 0; b < a; b++) hess[b * d + a] = hess[a * d + b]!;
    }
    const step = solve(hess, grad, d);
    let size = 0;
    for (let a = 0; a < d; a++) {
      w[a]! += step[a]!;
      size += Math.abs(step[a]!);
    }
    if (!(size > 1e-4)) break;
  }
  return Array.from(w, (v) => (Number.isFinite(v) ? v : 0));
}

/**
 * Fits the learner-level part of a model (see `individual.ts`) on the training learners, given
 * the population's skill parameters. @internal
 */
export async function fitIndividual(
  table: ResponseTable,
  pooled: BktModel['skills'],
  opts: FitBktOutput,
  yieldTurn: () => Promise<void>,
  onProgress: (phase: string, done: number, total: number) => void,
): Promise<IndividualModel> {
  const typeCount = opts.learnerTypes;
  const learners = table.learnerIds.length;
  const skillCount = table.skillIds.length;
  const pooledByIndex: (Params | undefined)[] = table.skillIds.map((id) => {
    const p = Object.hasOwn(pooled, id) ? pooled[id] : undefined;
    return p ? pick(p) : undefined;
  });

  // Start: learner types by quantile of (smoothed) accuracy.
  const right = new Float64Array(learners);
  const seen = new Float64Array(learners);
  for (let i = 0; i < table.length; i++) {
    right[table.learner[i]!]! += table.correct[i]!;
    seen[table.learner[i]!]!++;
  }
  const accuracy = Array.from({ length: learners }, (_, l) => (right[l]! + 1) / (seen[l]! + 2));
  const ranked = Array.from({ length: learners }, (_, l) => l).sort((a, b) => accuracy[a]! - accuracy[b]!);
  let typeOf = new Int32Array(learners);
  ranked.forEach((learner, rank) => {
    typeOf[learner] = Math.min(typeCount - 1, Math.floor((rank * typeCount) / learners));
  });

  const start = (skillId: string): EmParams | undefined => {
    const p = Object.hasOwn(pooled, skillId) ? pooled[skillId] : undefined;
    if (!p) return undefined;
    return {
      pInit: Float64Array.of(p.pInit),
      learn: Float64Array.of(p.pLearn),
      forget: p.pForget,
      guess: Float64Array.of(Math.min(p.pGuess, opts.maxGuess - 1e-6)),
      slip: Float64Array.of(Math.min(p.pSlip, opts.maxSlip - 1e-6)),
    };
  };
  const typeOptions = {
    ...opts,
    itemGuessSlip: false,
    itemLearn: false,
    maxIterations: Math.min(opts.maxIterations, TYPE_MAX_ITERATIONS),
  };
  let types: (Params | undefined)[][] = [];
  const totalSteps = (TYPE_PASSES + 1) * typeCount;
  const order = groupByLearner(table);
  for (let pass = 0; pass <= TYPE_PASSES; pass++) {
    if (pass > 0) {
      // Each learner to the type that explains their answers best (weighted by the type's share).
      const shares = new Float64Array(typeCount);
      for (let l = 0; l < learners; l++) shares[typeOf[l]!]!++;
      const ll = types.map((t) => learnerLogLikelihoods(table, order, t, pooledByIndex));
      const next = new Int32Array(learners);
      for (let l = 0; l < learners; l++) {
        let best = typeOf[l]!;
        let bestScore = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < typeCount; c++) {
          const score = ll[c]![l]! + Math.log(Math.max(shares[c]!, 1) / learners);
          if (score > bestScore) {
            bestScore = score;
            best = c;
          }
        }
        next[l] = best;
      }
      typeOf = next;
    }
    types = [];
    for (let c = 0; c < typeCount; c++) {
      const keep = new Uint8Array(learners);
      for (let l = 0; l < learners; l++) keep[l] = typeOf[l] === c ? 1 : 0;
      const byIndex: (Params | undefined)[] = new Array(skillCount);
      const subset = selectLearners(table, keep);
      if (subset.length > 0) {
        const sequences = buildSkillSequences(subset, { items: false, classes: false });
        const fitted = await fitSkills(subset, sequences, typeOptions, yieldTurn, undefined, start);
        for (let k = 0; k < skillCount; k++) {
          const id = table.skillIds[k]!;
          const p = Object.hasOwn(fitted.skills, id) ? fitted.skills[id] : undefined;
          if (p) byIndex[k] = pick(p);
        }
      }
      types.push(byIndex);
      onProgress('learner types', pass * typeCount + c + 1, totalSteps);
    }
  }
  const typeWeights = Array.from({ length: typeCount }, () => 0);
  for (let l = 0; l < learners; l++) typeWeights[typeOf[l]!]! += 1 / learners;

  // Response layer: the online model's own inputs over the training learners, then logistic
  // regression — the population's weights, then each skill's, shrunk toward them.
  const d = RESPONSE_FEATURES.length;
  const model: IndividualModel = {
    typeWeights: typeWeights.map((w) => Math.max(w, 1e-6)),
    types: types.map((byIndex) => {
      const record: Record<string, Params> = {};
      byIndex.forEach((p, k) => {
        if (p) setOwn(record, table.skillIds[k]!, p);
      });
      return record;
    }),
    abilityStep: ABILITY_STEP,
    abilityDecay: ABILITY_DECAY,
    recentDecay: RECENT_DECAY,
    evidenceWeight: EVIDENCE_WEIGHT,
    response: Array.from({ length: d }, (_, f) => (f === d - 1 ? 1 : 0)),
    responseBySkill: {},
  };
  const indexOf = new Map(table.skillIds.map((id, k) => [id, k]));
  const compiled = compileIndividual(
    model,
    (skillId) => pooledByIndex[indexOf.get(skillId) ?? -1] ?? { ...DEFAULT_BKT_PARAMS },
  );
  await yieldTurn();
  const x = new Float64Array(table.length * d);
  walkIndividual(compiled, table, undefined, x, d);
  await yieldTurn();
  // The population's 13 weights from an even sample of rows: as good as all of them at a
  // fraction of the cost; every skill's own fit below reads all its rows.
  const sampleStride = Math.max(1, Math.round(table.length / POPULATION_ROWS));
  const sample = Int32Array.from(
    { length: Math.ceil(table.length / sampleStride) },
    (_, j) => j * sampleStride,
  );
  model.response = fitLogistic(x, table.correct, d, sample, undefined, 0);
  onProgress('response layer', 1, skillCount + 1);
  const rowsBySkill = Array.from({ length: skillCount }, () => [] as number[]);
  for (let i = 0; i < table.length; i++) rowsBySkill[table.skill[i]!]!.push(i);
  for (let k = 0; k < skillCount; k++) {
    await yieldTurn();
    const rows = rowsBySkill[k]!;
    if (rows.length > 0) {
      setOwn(
        model.responseBySkill,
        table.skillIds[k]!,
        fitLogistic(x, table.correct, d, Int32Array.from(rows), model.response, SKILL_RIDGE, 3),
      );
    }
    onProgress('response layer', k + 2, skillCount + 1);
  }
  return model;
}
