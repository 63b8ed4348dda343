import * as z from 'zod/mini';
import { longWorkFields, throwIfAborted } from '../async';
import { createBkt } from '../bkt';
import { type FitBktOptions, FitBktOptionsSchema, fitBkt } from '../bkt/fitBkt';
import { predictResponses } from '../bkt/predictTable';
import { type ResponseTable, selectLearners } from '../data';
import { PacekitError } from '../errors';
import { createRandom } from '../random';
import { parseInput } from '../validation';
import { type CalibrationBin, calibration, type Metrics, scorePredictions } from './metrics';

/**
 * Assigns each learner of `learnerCount` to one of `folds` folds, at random from `seed`, with
 * fold sizes differing by at most one. Returns the fold of each learner.
 */
export function kFoldByLearner(learnerCount: number, folds: number, seed: number): Int32Array {
  if (!Number.isInteger(folds) || folds < 2 || folds > learnerCount) {
    throw new PacekitError(
      'INVALID_INPUT',
      `kFoldByLearner: folds must be an integer in [2, ${learnerCount}] (got ${folds})`,
    );
  }
  const order = createRandom(seed).shuffle(Array.from({ length: learnerCount }, (_, i) => i));
  const fold = new Int32Array(learnerCount);
  order.forEach((learner, position) => {
    fold[learner] = position % folds;
  });
  return fold;
}

/** Options of {@link crossValidateBkt}, with their defaults. */
export const CrossValidateOptionsSchema = z.object({
  /** Number of folds (default 5). */
  folds: z._default(z.int().check(z.gte(2)), 5),
  /** Seed of the split and of the fits. */
  seed: z._default(z.int(), 0),
  /** How each fold is fitted (everything {@link fitBkt} takes, except progress and signal). */
  fit: z._default(z.partial(z.omit(FitBktOptionsSchema, { onProgress: true, signal: true, seed: true })), {}),
  ...longWorkFields,
});

/** Options of {@link crossValidateBkt}. */
export type CrossValidateOptions = z.input<typeof CrossValidateOptionsSchema>;

/** The result of {@link crossValidateBkt}. */
export interface CrossValidation {
  /** Scores over each held-out fold's responses. */
  folds: Metrics[];
  /** The fold scores averaged (AUC and RMSE pooled within each fold, then averaged). */
  mean: Metrics;
  /** Scores over all held-out responses pooled together. */
  pooled: Metrics;
  /** Calibration over all held-out responses. */
  calibration: CalibrationBin[];
  /** Held-out prediction of every table entry (each made by the model that did not see it). */
  predictions: Float64Array;
}

/**
 * k-fold cross-validation by learner: learners are split into `folds` groups; each group's
 * responses are predicted one step ahead (each before it is seen) by a model fitted on the
 * other groups. Seeded: the same table and options give the same numbers.
 */
export async function crossValidateBkt(
  table: ResponseTable,
  options: CrossValidateOptions = {},
): Promise<CrossValidation> {
  const opts = parseInput(CrossValidateOptionsSchema, options, 'crossValidateBkt options');
  const fold = kFoldByLearner(table.learnerIds.length, opts.folds, opts.seed);
  const predictions = new Float64Array(table.length);
  const folds: Metrics[] = [];
  for (let f = 0; f < opts.folds; f++) {
    throwIfAborted(opts.signal);
    const inTrain = new Uint8Array(table.learnerIds.length);
    for (let l = 0; l < inTrain.length; l++) inTrain[l] = fold[l] === f ? 0 : 1;
    const train = selectLearners(table, inTrain);
    const fitOptions: FitBktOptions = {
      ...opts.fit,
      seed: opts.seed,
      signal: opts.signal,
      onProgress: (p) =>
        opts.onProgress?.({
          ...p,
          phase: `fold ${f + 1}/${opts.folds}`,
          done: f * p.total + p.done,
          total: opts.folds * p.total,
        }),
    };
    const bkt = createBkt(await fitBkt(train, fitOptions));
    const testMask = inTrain.map((v) => 1 - v);
    const test = selectLearners(table, testMask);
    const foldPredictions = predictResponses(bkt, test);
    folds.push(scorePredictions(test.correct, foldPredictions));
    // Scatter the fold's predictions back to the whole table's entry order.
    let j = 0;
    for (let i = 0; i < table.length; i++)
      if (testMask[table.learner[i]!]) predictions[i] = foldPredictions[j++]!;
  }
  const mean = (key: keyof Metrics): number => folds.reduce((sum, m) => sum + m[key], 0) / folds.length;
  return {
    folds,
    mean: {
      count: table.length,
      auc: mean('auc'),
      rmse: mean('rmse'),
      logLoss: mean('logLoss'),
      accuracy: mean('accuracy'),
    },
    pooled: scorePredictions(table.correct, predictions),
    calibration: calibration(table.correct, predictions),
    predictions,
  };
}
