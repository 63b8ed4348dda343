import { createRandom, createYielder, type LongWorkOptions, PacekitError } from '@pacekit/core';
import { clipParameters, default_w } from 'ts-fsrs';

/** One review of a card: its rating (1 again, 2 hard, 3 good, 4 easy) and days since the previous review (0 for the first, or the same day). */
export interface ReviewLogEntry {
  rating: 1 | 2 | 3 | 4;
  deltaDays: number;
}

/** A card's reviews, in the order they happened. */
export type CardHistory = readonly ReviewLogEntry[];

const S_MIN = 0.001;
const S_MAX = 36500;
const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/**
 * Walks one card's history with FSRS-6 (the equations of ts-fsrs's `next_state`, with
 * short-term stability for same-day reviews), calling `visit(R, recalled)` for every review
 * after the first that comes a day or more after the previous one: the probability of recall
 * predicted before it, and whether it was recalled (rating > 1).
 */
export function forEachPrediction(
  w: ArrayLike<number>,
  history: CardHistory,
  visit: (r: number, recalled: boolean) => void,
): void {
  const first = history[0];
  if (!first) return;
  // Constants of the parameter set, hoisted out of the per-review loop.
  const decay = -w[20]!;
  const factor = 0.9 ** (1 / decay) - 1;
  const initD = (g: number) => w[4]! - Math.exp((g - 1) * w[5]!) + 1;
  const easyD = initD(4);
  const growth = Math.exp(w[8]!);
  const forgetFloor = Math.exp(w[17]! * w[18]!);
  let s = Math.max(w[first.rating - 1]!, 0.1);
  let d = clamp(initD(first.rating), 1, 10);
  for (let k = 1; k < history.length; k++) {
    const { rating: g, deltaDays: t } = history[k]!;
    const r = (1 + (factor * t) / s) ** decay;
    if (t > 0) visit(r, g > 1);
    let next: number;
    if (t === 0) {
      const sinc = s ** -w[19]! * Math.exp(w[17]! * (g - 3 + w[18]!));
      next = clamp(s * (g >= 2 ? Math.max(sinc, 1) : sinc), S_MIN, S_MAX);
    } else if (g === 1) {
      const afterFail = clamp(
        w[11]! * d ** -w[12]! * ((s + 1) ** w[13]! - 1) * Math.exp((1 - r) * w[14]!),
        S_MIN,
        S_MAX,
      );
      next = clamp(s / forgetFloor, S_MIN, afterFail);
    } else {
      const hard = g === 2 ? w[15]! : 1;
      const easy = g === 4 ? w[16]! : 1;
      next = clamp(
        s * (1 + growth * (11 - d) * s ** -w[9]! * (Math.exp((1 - r) * w[10]!) - 1) * hard * easy),
        S_MIN,
        S_MAX,
      );
    }
    const deltaD = -w[6]! * (g - 3);
    const damped = d + (deltaD * (10 - d)) / 9;
    d = clamp(w[7]! * easyD + (1 - w[7]!) * damped, 1, 10);
    s = next;
  }
}

/** The log loss of one prediction (clipped so a certain miss stays finite). */
function logLossTerm(r: number, recalled: boolean): number {
  const p = clamp(r, 1e-7, 1 - 1e-7);
  return recalled ? -Math.log(p) : -Math.log(1 - p);
}

/** Log loss and RMSE(bins) of FSRS predictions on review histories. */
export interface FsrsMetrics {
  /** Mean negative log-likelihood of the recall outcomes. */
  logLoss: number;
  /** Root mean squared error between mean prediction and recall rate, over 20 equal-width bins of the prediction, weighted by count. */
  rmseBins: number;
  /** Reviews predicted. */
  count: number;
}

/** Scores FSRS parameters `w` on review histories. */
export function evaluateFsrs(w: ArrayLike<number>, histories: readonly CardHistory[]): FsrsMetrics {
  let loss = 0;
  let count = 0;
  const binP = new Float64Array(20);
  const binY = new Float64Array(20);
  const binN = new Float64Array(20);
  for (const history of histories) {
    forEachPrediction(w, history, (r, recalled) => {
      loss += logLossTerm(r, recalled);
      count++;
      const p = clamp(r, 1e-7, 1 - 1e-7);
      const b = Math.min(19, Math.floor(p * 20));
      binP[b]! += p;
      binY[b]! += recalled ? 1 : 0;
      binN[b]!++;
    });
  }
  let se = 0;
  for (let b = 0; b < 20; b++) if (binN[b]! > 0) se += binN[b]! * ((binP[b]! - binY[b]!) / binN[b]!) ** 2;
  return {
    logLoss: count > 0 ? loss / count : Number.NaN,
    rmseBins: count > 0 ? Math.sqrt(se / count) : Number.NaN,
    count,
  };
}

/** Options of {@link trainFsrs}. */
export interface TrainFsrsOptions extends LongWorkOptions {
  /** Starting parameters (default: ts-fsrs's defaults). */
  initial?: readonly number[];
  /** Passes over the data (default 5, as the FSRS optimizer). */
  epochs?: number;
  /** Cards per mini-batch (default 512). */
  batchSize?: number;
  /** Adam learning rate (default 0.04, as the FSRS optimizer), decayed by a cosine schedule. */
  learningRate?: number;
  /** Seed of the batch order. */
  seed?: number;
}

/**
 * Fits FSRS-6 parameters to review histories in pure TypeScript (a browser, a worker or an edge
 * function can run it): it minimises the log loss of recall predictions — the FSRS optimizer's
 * loss — with Adam on mini-batches of cards and a cosine learning-rate schedule, clipping the
 * parameters to ts-fsrs's ranges (`clipParameters`) after every step. Gradients are forward
 * differences of the exact loss. Reports progress per batch and can be cancelled.
 */
export async function trainFsrs(
  histories: readonly CardHistory[],
  options: TrainFsrsOptions = {},
): Promise<number[]> {
  const usable = histories.filter((h) => h.length >= 2);
  if (usable.length === 0)
    throw new PacekitError('NOT_ENOUGH_DATA', 'trainFsrs: no card has two reviews or more');
  for (const [i, h] of histories.entries()) {
    for (const [k, review] of h.entries()) {
      if (
        ![1, 2, 3, 4].includes(review.rating) ||
        !(review.deltaDays >= 0) ||
        !Number.isFinite(review.deltaDays)
      ) {
        throw new PacekitError(
          'INVALID_INPUT',
          `trainFsrs: card ${i}, review ${k}: rating must be 1–4 and deltaDays ≥ 0 (got ${JSON.stringify(review)})`,
        );
      }
    }
  }
  const epochs = options.epochs ?? 5;
  const batchSize = options.batchSize ?? 512;
  const lr = options.learningRate ?? 0.04;
  const random = createRandom(options.seed ?? 0);
  const yieldTurn = createYielder(options.signal);
  let w = clipParameters([...(options.initial ?? default_w)], 1, true);
  const P = w.length;
  const m = new Float64Array(P);
  const v = new Float64Array(P);
  const batchLoss = (params: number[], batch: readonly CardHistory[]) => {
    let loss = 0;
    let n = 0;
    for (const h of batch) {
      forEachPrediction(params, h, (r, recalled) => {
        loss += logLossTerm(r, recalled);
        n++;
      });
    }
    return n > 0 ? loss / n : 0;
  };
  const batches = Math.ceil(usable.length / batchSize);
  const totalSteps = epochs * batches;
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = random.shuffle(usable.map((_, i) => i));
    for (let b = 0; b < batches; b++) {
      await yieldTurn();
      const batch = order.slice(b * batchSize, (b + 1) * batchSize).map((i) => usable[i]!);
      // Forward differences: P + 1 evaluations of the loss per batch; precise enough to steer Adam.
      const grad = new Float64Array(P);
      const base = batchLoss(w, batch);
      for (let i = 0; i < P; i++) {
        const h = 1e-5 * Math.max(1, Math.abs(w[i]!));
        const up = [...w];
        up[i]! += h;
        grad[i] = (batchLoss(up, batch) - base) / h;
      }
      step++;
      const rate = lr * 0.5 * (1 + Math.cos((Math.PI * (step - 1)) / totalSteps));
      const next = [...w];
      for (let i = 0; i < P; i++) {
        m[i] = 0.9 * m[i]! + 0.1 * grad[i]!;
        v[i] = 0.999 * v[i]! + 0.001 * grad[i]! * grad[i]!;
        const mHat = m[i]! / (1 - 0.9 ** step);
        const vHat = v[i]! / (1 - 0.999 ** step);
        next[i] = w[i]! - (rate * mHat) / (Math.sqrt(vHat) + 1e-8);
      }
      w = clipParameters(next, 1, true);
      options.onProgress?.({ phase: 'train FSRS', done: step, total: totalSteps });
    }
  }
  return w;
}

/**
 * Time-series evaluation, as the FSRS optimizer reports it: the histories (in the order their
 * cards were first reviewed) are cut into `splits + 1` consecutive blocks; for each block after
 * the first, parameters are trained on every earlier block and scored on it; the predictions of
 * all scored blocks are pooled into one log loss and RMSE(bins).
 */
export async function evaluateFsrsTimeSeries(
  histories: readonly CardHistory[],
  options: TrainFsrsOptions & { splits?: number } = {},
): Promise<FsrsMetrics> {
  const splits = options.splits ?? 5;
  if (!Number.isInteger(splits) || splits < 1 || histories.length < splits + 1) {
    throw new PacekitError(
      'INVALID_INPUT',
      `evaluateFsrsTimeSeries: need at least splits + 1 cards and splits ≥ 1 (got ${histories.length} cards, ${splits} splits)`,
    );
  }
  const size = Math.ceil(histories.length / (splits + 1));
  let loss = 0;
  let count = 0;
  let squared = 0;
  for (let k = 1; k <= splits; k++) {
    const train = histories.slice(0, k * size);
    const test = histories.slice(k * size, (k + 1) * size);
    if (test.length === 0) break;
    const w = await trainFsrs(train, options);
    const m = evaluateFsrs(w, test);
    if (m.count === 0) continue;
    loss += m.logLoss * m.count;
    squared += m.rmseBins ** 2 * m.count;
    count += m.count;
  }
  return { logLoss: loss / count, rmseBins: Math.sqrt(squared / count), count };
}
