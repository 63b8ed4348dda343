import { PacekitError } from '../errors';

function checkLengths(labels: ArrayLike<number>, predictions: ArrayLike<number>, what: string): void {
  if (labels.length !== predictions.length) {
    throw new PacekitError(
      'INVALID_INPUT',
      `${what}: ${labels.length} labels but ${predictions.length} predictions`,
    );
  }
  if (labels.length === 0) throw new PacekitError('NOT_ENOUGH_DATA', `${what}: no predictions`);
}

// Every metric takes labels (1 correct, 0 wrong) and predictions P(correct) of the same length.

/**
 * Area under the ROC curve: the probability that a random correct response was given a higher
 * prediction than a random wrong one, ties counting one half (Mann–Whitney U / (n₁·n₀)).
 * O(n log n). NaN when all labels are the same.
 */
export function auc(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkLengths(labels, predictions, 'auc');
  let nPos = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0.5) nPos++;
  const nNeg = labels.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= 0.5) pos[p++] = predictions[i]!;
    else neg[q++] = predictions[i]!;
  }
  pos.sort();
  neg.sort();
  // For each distinct positive score: negatives strictly below, and negatives equal to it.
  let below = 0;
  let u = 0;
  let j = 0;
  for (let i = 0; i < nPos; ) {
    const score = pos[i]!;
    let run = 0;
    while (i < nPos && pos[i] === score) {
      run++;
      i++;
    }
    while (j < nNeg && neg[j]! < score) {
      below++;
      j++;
    }
    let equal = 0;
    while (j + equal < nNeg && neg[j + equal] === score) equal++;
    u += run * (below + equal / 2);
  }
  return u / (nPos * nNeg);
}

/** Root mean squared error between labels and predictions. */
export function rmse(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkLengths(labels, predictions, 'rmse');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = labels[i]! - predictions[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum / labels.length);
}

/** Mean negative log-likelihood (natural log), predictions clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(labels: ArrayLike<number>, predictions: ArrayLike<number>): number {
  checkLengths(labels, predictions, 'logLoss');
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, predictions[i]!));
    const y = labels[i]!;
    sum -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  return sum / labels.length;
}

/** Share of responses whose prediction falls on the right side of `threshold` (default 0.5). */
export function accuracy(labels: ArrayLike<number>, predictions: ArrayLike<number>, threshold = 0.5): number {
  checkLengths(labels, predictions, 'accuracy');
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    if (predictions[i]! >= threshold === labels[i]! >= 0.5) right++;
  }
  return right / labels.length;
}

/** One bin of a calibration (reliability) table. */
export interface CalibrationBin {
  /** Lower edge of the bin's prediction range. */
  from: number;
  /** Upper edge (inclusive for the last bin). */
  to: number;
  /** Responses in the bin. */
  count: number;
  /** Mean prediction in the bin (NaN when empty). */
  meanPredicted: number;
  /** Observed share correct in the bin (NaN when empty). */
  observed: number;
}

/** Calibration table: predictions split into `bins` equal-width bins over [0, 1]. */
export function calibration(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  checkLengths(labels, predictions, 'calibration');
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = predictions[i]!;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    count[b]!++;
    predicted[b]! += p;
    observed[b]! += labels[i]!;
  }
  return Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: count[b]!,
    meanPredicted: count[b]! > 0 ? predicted[b]! / count[b]! : Number.NaN,
    observed: count[b]! > 0 ? observed[b]! / count[b]! : Number.NaN,
  }));
}

/** The standard scores of a set of predictions. */
export interface Metrics {
  /** Responses scored. */
  count: number;
  auc: number;
  rmse: number;
  logLoss: number;
  accuracy: number;
}

/** AUC, RMSE, log loss and accuracy at once. */
export function scorePredictions(labels: ArrayLike<number>, predictions: ArrayLike<number>): Metrics {
  return {
    count: labels.length,
    auc: auc(labels, predictions),
    rmse: rmse(labels, predictions),
    logLoss: logLoss(labels, predictions),
    accuracy: accuracy(labels, predictions),
  };
}
