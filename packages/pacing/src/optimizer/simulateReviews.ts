import { createRandom } from '@pacekit/core';
import { fsrs, generatorParameters } from 'ts-fsrs';
import type { CardHistory, ReviewLogEntry } from './trainFsrs';

/**
 * Review histories of `cards` cards simulated from FSRS parameters `w` (the ground truth of
 * memory is ts-fsrs's own `next_state`): reviews come near the scheduled interval (log-normal
 * noise), recall is drawn with the true retrievability, a lapse is followed by a same-day
 * relearning review. For tests and benchmarks of {@link trainFsrs}.
 */
export function simulateReviewHistories(
  w: readonly number[],
  options: { cards: number; reviews: number; seed: number },
): CardHistory[] {
  const engine = fsrs(generatorParameters({ w: [...w], enable_fuzz: false }));
  const random = createRandom(options.seed);
  const pickSuccess = (): 2 | 3 | 4 => {
    const u = random.next();
    return u < 0.15 ? 2 : u < 0.85 ? 3 : 4;
  };
  return Array.from({ length: options.cards }, () => {
    const u = random.next();
    const first: ReviewLogEntry = { rating: u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4, deltaDays: 0 };
    const history: ReviewLogEntry[] = [first];
    let state = engine.next_state(null, 0, first.rating);
    while (history.length < options.reviews) {
      const t = Math.max(1, Math.round(state.stability * Math.exp(0.6 * random.normal())));
      const r = engine.forgetting_curve(t, state.stability);
      const rating = random.next() < r ? pickSuccess() : 1;
      history.push({ rating, deltaDays: t });
      state = engine.next_state(state, t, rating);
      if (rating === 1 && history.length < options.reviews) {
        history.push({ rating: 3, deltaDays: 0 });
        state = engine.next_state(state, 0, 3);
      }
    }
    return history;
  });
}
