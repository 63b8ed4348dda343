import type { Random } from '../random';
import type { SkillSequences } from './sequences';

/** Smallest distance a fitted probability keeps from 0, 1 and its bounds. */
export const PARAM_EPSILON = 1e-6;

/** One skill's parameters in the layout the EM loops read. */
export interface EmParams {
  /** P(L₀) per local class. */
  pInit: Float64Array;
  /** P(T) per local item (one entry unless learn rates are per item). */
  learn: Float64Array;
  /** P(F). */
  forget: number;
  /** P(G) per local item (one entry unless guess/slip are per item). */
  guess: Float64Array;
  /** P(S) per local item. */
  slip: Float64Array;
}

/** What EM may change, and within which bounds. */
export interface EmConfig {
  forgets: boolean;
  itemGuessSlip: boolean;
  itemLearn: boolean;
  maxGuess: number;
  maxSlip: number;
  fixed: {
    pInit?: number | undefined;
    pLearn?: number | undefined;
    pForget?: number | undefined;
    pGuess?: number | undefined;
    pSlip?: number | undefined;
  };
}

/** Buffers reused across E-steps, each at least as long as the longest sequence. */
export interface EmScratch {
  filteredL: Float64Array;
  filteredU: Float64Array;
  scale: Float64Array;
}

/** Scratch buffers for sequences of up to `maxLength` responses. */
export function createEmScratch(maxLength: number): EmScratch {
  return {
    filteredL: new Float64Array(maxLength),
    filteredU: new Float64Array(maxLength),
    scale: new Float64Array(maxLength),
  };
}

/** Expected sufficient statistics gathered by one E-step. */
interface Counts {
  priorNum: Float64Array;
  priorDen: Float64Array;
  learnNum: Float64Array;
  learnDen: Float64Array;
  forgetNum: number;
  forgetDen: number;
  guessNum: Float64Array;
  guessDen: Float64Array;
  slipNum: Float64Array;
  slipDen: Float64Array;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function sizes(
  seq: SkillSequences,
  config: EmConfig,
): { classes: number; learnItems: number; gsItems: number } {
  const items = seq.itemIds.length;
  return {
    classes: seq.classIds.length,
    learnItems: config.itemLearn ? items : 1,
    gsItems: config.itemGuessSlip ? items : 1,
  };
}

/** Random starting parameters in the ranges pyBKT draws from, then the fixed values applied. */
export function randomParams(seq: SkillSequences, config: EmConfig, random: Random): EmParams {
  const { classes, learnItems, gsItems } = sizes(seq, config);
  const fill = (n: number, draw: () => number): Float64Array => Float64Array.from({ length: n }, draw);
  const hiGuess = config.maxGuess - PARAM_EPSILON;
  const hiSlip = config.maxSlip - PARAM_EPSILON;
  const prior = clamp(random.uniform(0.05, 0.95), PARAM_EPSILON, 1 - PARAM_EPSILON);
  const params: EmParams = {
    pInit: fill(classes, () => prior),
    learn: fill(learnItems, () => clamp(random.uniform(0.01, 0.4), PARAM_EPSILON, 1 - PARAM_EPSILON)),
    forget: config.forgets ? random.uniform(0.01, 0.2) : 0,
    guess: fill(gsItems, () => clamp(random.uniform(0.01, 0.4), PARAM_EPSILON, hiGuess)),
    slip: fill(gsItems, () => clamp(random.uniform(0.01, 0.3), PARAM_EPSILON, hiSlip)),
  };
  applyFixed(params, config);
  return params;
}

function applyFixed(params: EmParams, config: EmConfig): void {
  const { fixed } = config;
  if (fixed.pInit !== undefined) params.pInit.fill(fixed.pInit);
  if (fixed.pLearn !== undefined) params.learn.fill(fixed.pLearn);
  if (fixed.pForget !== undefined) params.forget = fixed.pForget;
  if (fixed.pGuess !== undefined) params.guess.fill(fixed.pGuess);
  if (fixed.pSlip !== undefined) params.slip.fill(fixed.pSlip);
}

function newCounts(seq: SkillSequences, config: EmConfig): Counts {
  const { classes, learnItems, gsItems } = sizes(seq, config);
  return {
    priorNum: new Float64Array(classes),
    priorDen: new Float64Array(classes),
    learnNum: new Float64Array(learnItems),
    learnDen: new Float64Array(learnItems),
    forgetNum: 0,
    forgetDen: 0,
    guessNum: new Float64Array(gsItems),
    guessDen: new Float64Array(gsItems),
    slipNum: new Float64Array(gsItems),
    slipDen: new Float64Array(gsItems),
  };
}

function resetCounts(c: Counts): void {
  c.priorNum.fill(0);
  c.priorDen.fill(0);
  c.learnNum.fill(0);
  c.learnDen.fill(0);
  c.forgetNum = 0;
  c.forgetDen = 0;
  c.guessNum.fill(0);
  c.guessDen.fill(0);
  c.slipNum.fill(0);
  c.slipDen.fill(0);
}

/**
 * E-step: scaled forward–backward (Rabiner 1989) over every distinct sequence, weighted by its
 * multiplicity. Returns the log-likelihood of the data under `p` and fills `c` with expected
 * counts. The transition out of position t uses the learn rate of the item answered at t (as
 * pyBKT's "resources" do).
 */
function eStep(seq: SkillSequences, p: EmParams, config: EmConfig, c: Counts, scratch: EmScratch): number {
  const { filteredL, filteredU, scale } = scratch;
  const { starts, obs, item, cls, weight, count } = seq;
  const { pInit, learn, guess, slip } = p;
  const forget = p.forget;
  const keep = 1 - forget;
  const gsMul = config.itemGuessSlip ? 1 : 0;
  const lMul = config.itemLearn ? 1 : 0;
  const { priorNum, priorDen, learnNum, learnDen, guessNum, guessDen, slipNum, slipDen } = c;
  let forgetNum = 0;
  let forgetDen = 0;
  let logLikelihood = 0;

  for (let s = 0; s < count; s++) {
    const a = starts[s]!;
    const T = starts[s + 1]! - a;
    const w = weight[s]!;
    const k = cls[s]!;

    // Forward: the filtered state (P(U_t), P(L_t) | o_0..t) and the scale factors
    // c_t = P(o_t | o_0..t-1). Both components are carried, never P(U) = 1 − P(L): on long
    // sequences without forgetting one of them falls below 1e-16 and must not round to 0.
    let l = pInit[k]!;
    let u = 1 - l;
    let product = 1;
    let sequenceLl = 0;
    for (let t = 0; t < T; t++) {
      const i = a + t;
      const it = item[i]!;
      const gi = it * gsMul;
      const g = guess[gi]!;
      const sl = slip[gi]!;
      let el: number;
      let eu: number;
      if (obs[i] === 1) {
        el = 1 - sl;
        eu = g;
      } else {
        el = sl;
        eu = 1 - g;
      }
      const al = l * el;
      const au = u * eu;
      const ct = al + au;
      const fl = al / ct;
      const fu = au / ct;
      filteredL[t] = fl;
      filteredU[t] = fu;
      scale[t] = ct;
      product *= ct;
      // One log per ~hundreds of responses instead of one per response.
      if (product < 1e-250) {
        sequenceLl += Math.log(product);
        product = 1;
      }
      const lr = learn[it * lMul]!;
      l = fl * keep + fu * lr;
      u = fu * (1 - lr) + fl * forget;
    }
    logLikelihood += w * (sequenceLl + Math.log(product));

    // Backward, with β scaled by the same c_t; γ_t = α̂_t β̂_t, ξ_t(i,j) = α̂_t(i) A_ij e_j(t+1) β̂_{t+1}(j) / c_{t+1}.
    const last = a + T - 1;
    {
      const gl = filteredL[T - 1]!;
      const gu = filteredU[T - 1]!;
      const gi = item[last]! * gsMul;
      if (obs[last] === 1) guessNum[gi]! += w * gu;
      else slipNum[gi]! += w * gl;
      guessDen[gi]! += w * gu;
      slipDen[gi]! += w * gl;
      if (T === 1) priorNum[k]! += w * gl;
    }
    let bu = 1;
    let bl = 1;
    for (let t = T - 2; t >= 0; t--) {
      const i = a + t;
      const next = i + 1;
      const gn = item[next]! * gsMul;
      let el1: number;
      let eu1: number;
      if (obs[next] === 1) {
        el1 = 1 - slip[gn]!;
        eu1 = guess[gn]!;
      } else {
        el1 = slip[gn]!;
        eu1 = 1 - guess[gn]!;
      }
      const li = item[i]! * lMul;
      const lr = learn[li]!;
      const inv = 1 / scale[t + 1]!;
      const ue = eu1 * bu * inv;
      const le = el1 * bl * inv;
      const fl = filteredL[t]!;
      const fu = filteredU[t]!;
      const xul = fu * lr * le;
      const xlu = fl * forget * ue;
      const gu = fu * (1 - lr) * ue + xul;
      const gl = xlu + fl * keep * le;
      learnNum[li]! += w * xul;
      learnDen[li]! += w * gu;
      forgetNum += w * xlu;
      forgetDen += w * gl;
      const gi = item[i]! * gsMul;
      if (obs[i] === 1) guessNum[gi]! += w * gu;
      else slipNum[gi]! += w * gl;
      guessDen[gi]! += w * gu;
      slipDen[gi]! += w * gl;
      bu = (1 - lr) * ue + lr * le;
      bl = forget * ue + keep * le;
      if (t === 0) priorNum[k]! += w * gl;
    }
    priorDen[k]! += w;
  }
  c.forgetNum = forgetNum;
  c.forgetDen = forgetDen;
  return logLikelihood;
}

/**
 * M-step: each parameter's expected-count ratio, clipped to its bounds. Every parameter owns a
 * separate concave Bernoulli term of the expected complete-data log-likelihood, so the clipped
 * ratio is that term's exact constrained maximum and EM stays monotone.
 */
function mStep(p: EmParams, c: Counts, config: EmConfig): void {
  const lo = PARAM_EPSILON;
  const hi = 1 - PARAM_EPSILON;
  const { fixed } = config;
  const ratio = (num: number, den: number, current: number, upper: number): number =>
    den > 0 ? clamp(num / den, lo, upper) : current;
  if (fixed.pInit === undefined) {
    for (let k = 0; k < p.pInit.length; k++)
      p.pInit[k] = ratio(c.priorNum[k]!, c.priorDen[k]!, p.pInit[k]!, hi);
  }
  if (fixed.pLearn === undefined) {
    for (let j = 0; j < p.learn.length; j++)
      p.learn[j] = ratio(c.learnNum[j]!, c.learnDen[j]!, p.learn[j]!, hi);
  }
  if (config.forgets && fixed.pForget === undefined) p.forget = ratio(c.forgetNum, c.forgetDen, p.forget, hi);
  for (let j = 0; j < p.guess.length; j++) {
    if (fixed.pGuess === undefined) {
      p.guess[j] = ratio(c.guessNum[j]!, c.guessDen[j]!, p.guess[j]!, config.maxGuess - lo);
    }
    if (fixed.pSlip === undefined) {
      p.slip[j] = ratio(c.slipNum[j]!, c.slipDen[j]!, p.slip[j]!, config.maxSlip - lo);
    }
  }
}

/** The result of running EM from one start. */
export interface EmRun {
  params: EmParams;
  logLikelihood: number;
  iterations: number;
  /** Log-likelihood at each iteration (parameters before that iteration's M-step). */
  trace: number[];
}

/** Runs EM on one skill from `start` (changed in place) for at most `maxIterations` E-steps. @internal */
export type EmRunner = (
  seq: SkillSequences,
  start: EmParams,
  config: EmConfig,
  maxIterations: number,
  tolerance: number,
  scratch: EmScratch,
) => EmRun;

/** E-steps at `params` as they are when called: each fills `counts` and is traced. */
function eSteps(seq: SkillSequences, params: EmParams, config: EmConfig, scratch: EmScratch) {
  const counts = newCounts(seq, config);
  const trace: number[] = [];
  const evaluate = (): number => {
    resetCounts(counts);
    const ll = eStep(seq, params, config, counts, scratch);
    trace.push(ll);
    return ll;
  };
  return { counts, trace, evaluate };
}

/**
 * Runs EM from `start` until the log-likelihood improves by at most `tolerance` (absolute, as
 * pyBKT) or `maxIterations` E-steps. The returned parameters are those whose log-likelihood is
 * reported (the last M-step is not applied after convergence).
 */
export const runEm: EmRunner = (seq, params, config, maxIterations, tolerance, scratch) => {
  const { counts, trace, evaluate } = eSteps(seq, params, config, scratch);
  let previous = Number.NEGATIVE_INFINITY;
  let logLikelihood = previous;
  while (trace.length < maxIterations) {
    logLikelihood = evaluate();
    if (Math.abs(logLikelihood - previous) <= tolerance || trace.length === maxIterations) break;
    previous = logLikelihood;
    mStep(params, counts, config);
  }
  return { params, logLikelihood, iterations: trace.length, trace };
};

/** The parameters as one vector (a copy), in a fixed order: priors, learn, forget, guess, slip. */
function flatten(p: EmParams): Float64Array {
  const out = new Float64Array(p.pInit.length + p.learn.length + 1 + p.guess.length + p.slip.length);
  out.set(p.pInit, 0);
  out.set(p.learn, p.pInit.length);
  out[p.pInit.length + p.learn.length] = p.forget;
  out.set(p.guess, p.pInit.length + p.learn.length + 1);
  out.set(p.slip, p.pInit.length + p.learn.length + 1 + p.guess.length);
  return out;
}

/** Writes vector `x` into `p`, each value clamped to its parameter's range. */
function unflatten(x: Float64Array, p: EmParams, config: EmConfig): void {
  const lo = PARAM_EPSILON;
  const hi = 1 - PARAM_EPSILON;
  let i = 0;
  for (let k = 0; k < p.pInit.length; k++) p.pInit[k] = clamp(x[i++]!, lo, hi);
  for (let k = 0; k < p.learn.length; k++) p.learn[k] = clamp(x[i++]!, lo, hi);
  p.forget = config.forgets ? clamp(x[i]!, lo, hi) : x[i]!;
  i++;
  for (let k = 0; k < p.guess.length; k++) p.guess[k] = clamp(x[i++]!, lo, config.maxGuess - lo);
  for (let k = 0; k < p.slip.length; k++) p.slip[k] = clamp(x[i++]!, lo, config.maxSlip - lo);
  applyFixed(p, config);
}

/**
 * EM accelerated by SQUAREM (Varadhan & Roland 2008, the S3 step length): two EM steps give a
 * direction and a curvature, the parameters jump along them, and the jump is kept only if the
 * log-likelihood does not fall below the second step's start (else plain EM goes on from the
 * second step). Stops as {@link runEm} does — an improvement of at most `tolerance` between
 * cycles, or `maxIterations` E-steps — and reports the parameters whose log-likelihood it
 * returns. @internal
 */
export const runSquarem: EmRunner = (seq, params, config, maxIterations, tolerance, scratch) => {
  const { counts, trace, evaluate } = eSteps(seq, params, config, scratch);
  let logLikelihood = evaluate();
  let previous = Number.NEGATIVE_INFINITY;
  while (trace.length < maxIterations && Math.abs(logLikelihood - previous) > tolerance) {
    previous = logLikelihood;
    const x0 = flatten(params);
    mStep(params, counts, config);
    const x1 = flatten(params);
    const ll1 = evaluate();
    if (trace.length >= maxIterations || Math.abs(ll1 - previous) <= tolerance) {
      logLikelihood = ll1;
      break;
    }
    mStep(params, counts, config);
    const x2 = flatten(params);
    // r: the first step; v: how the second differs from it (the curvature).
    const r = x1.map((x, i) => x - x0[i]!);
    const v = x2.map((x, i) => x - 2 * x1[i]! + x0[i]!);
    const vv = v.reduce((sum, x) => sum + x * x, 0);
    // S3: alpha = −‖r‖/‖v‖, at most −1 (−1 is the plain second EM step).
    const alpha = vv > 0 ? Math.min(-1, -Math.sqrt(r.reduce((sum, x) => sum + x * x, 0) / vv)) : -1;
    if (alpha < -1) {
      unflatten(
        x0.map((x, i) => x - 2 * alpha * r[i]! + alpha * alpha * v[i]!),
        params,
        config,
      );
      const llJump = evaluate();
      if (Number.isFinite(llJump) && llJump >= ll1) {
        logLikelihood = llJump;
        continue;
      }
      unflatten(x2, params, config); // the jump overshot: the plain second step instead
    }
    if (trace.length < maxIterations) logLikelihood = evaluate();
    else {
      // Out of E-steps: report the last parameters whose log-likelihood is known.
      logLikelihood = ll1;
      unflatten(x1, params, config);
    }
  }
  return { params, logLikelihood, iterations: trace.length, trace };
};
