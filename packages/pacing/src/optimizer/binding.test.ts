import { computeParameters, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { simulateReviewHistories } from './simulateReviews';
import { type CardHistory, evaluateFsrs, trainFsrs } from './trainFsrs';

/** The FSRS optimizer's training items: every prefix of a card's history that ends in a review. */
export function toBindingItems(histories: readonly CardHistory[]): FSRSBindingItem[] {
  const items: FSRSBindingItem[] = [];
  for (const history of histories) {
    for (let k = 2; k <= history.length; k++) {
      items.push(
        new FSRSBindingItem(history.slice(0, k).map((r) => new FSRSBindingReview(r.rating, r.deltaDays))),
      );
    }
  }
  return items;
}

describe('trainFsrs against the FSRS optimizer (@open-spaced-repetition/binding, Rust)', () => {
  it('fits parameters whose log loss is within 1% of the optimizer’s, on the same review log', async () => {
    const truth = [...default_w];
    truth[0] = 0.5;
    truth[3] = 12;
    truth[20] = 0.3;
    const histories = simulateReviewHistories(truth, { cards: 3000, reviews: 8, seed: 5 });
    const theirs = await computeParameters(toBindingItems(histories), { enableShortTerm: true });
    const ours = await trainFsrs(histories, { batchSize: 64, seed: 1 });
    const oursLoss = evaluateFsrs(ours, histories).logLoss;
    const theirsLoss = evaluateFsrs(theirs, histories).logLoss;
    expect(theirs).toHaveLength(21);
    expect(oursLoss).toBeLessThanOrEqual(theirsLoss * 1.01);
  });
});
