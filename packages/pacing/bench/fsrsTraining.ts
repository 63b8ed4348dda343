// FSRS parameter training on 100,000 simulated reviews: Pacekit's pure-TypeScript trainer
// side by side with the FSRS optimizer (@open-spaced-repetition/binding, Rust, native).
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';
import { evaluateFsrs, trainFsrs } from '@pacekit/pacing/optimizer';
import { default_w } from 'ts-fsrs';
import { simulateReviewHistories } from '../src/optimizer/simulateReviews';

/** Runs the comparison and returns its markdown. */
export async function fsrsTrainingBench(): Promise<string[]> {
  const truth = [...default_w];
  truth[0] = 0.5;
  truth[3] = 12;
  truth[20] = 0.3;
  const histories = simulateReviewHistories(truth, { cards: 12_500, reviews: 8, seed: 9 });
  const reviews = histories.reduce((n, h) => n + h.length, 0);
  const train = histories.slice(0, 10_000);
  const test = histories.slice(10_000);
  const items: FSRSBindingItem[] = [];
  for (const h of train)
    for (let k = 2; k <= h.length; k++)
      items.push(new FSRSBindingItem(h.slice(0, k).map((r) => new FSRSBindingReview(r.rating, r.deltaDays))));
  let t = performance.now();
  const theirs = await computeParameters(items, { enableShortTerm: true });
  const theirTime = (performance.now() - t) / 1000;
  t = performance.now();
  const ours = await trainFsrs(train, { batchSize: 64, seed: 1 });
  const ourTime = (performance.now() - t) / 1000;
  const row = (name: string, w: readonly number[], time: string) => {
    const a = evaluateFsrs(w, train);
    const b = evaluateFsrs(w, test);
    return `| ${name} | ${time} | ${a.logLoss.toFixed(4)} | ${b.logLoss.toFixed(4)} | ${b.rmseBins.toFixed(4)} |`;
  };
  return [
    '',
    `### FSRS parameter training: ${reviews.toLocaleString('en')} simulated reviews (10,000 cards to train, 2,500 held out)`,
    '',
    '| trainer | time | log loss (train) | log loss (held out) | RMSE(bins) (held out) |',
    '| --- | --- | --- | --- | --- |',
    row('Pacekit `trainFsrs` (TypeScript, one thread)', ours, `${ourTime.toFixed(2)} s`),
    row('FSRS optimizer (`@open-spaced-repetition/binding` 0.5, Rust)', theirs, `${theirTime.toFixed(2)} s`),
    row('generating parameters', truth, '—'),
    row('ts-fsrs defaults (no training)', default_w, '—'),
    '',
    `Time ratio: ${(ourTime / theirTime).toFixed(2)}× the optimizer's (target ≤ 3×).`,
  ];
}
