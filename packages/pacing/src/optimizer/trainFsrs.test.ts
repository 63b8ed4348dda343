import { default_w, fsrs, generatorParameters } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { simulateReviewHistories } from './simulateReviews';
import { evaluateFsrs, evaluateFsrsTimeSeries, forEachPrediction, trainFsrs } from './trainFsrs';

// Generating parameters: ts-fsrs's defaults with a different memory (initial stabilities,
// recall growth, decay).
const truth = [...default_w];
truth[0] = 0.5;
truth[1] = 2;
truth[2] = 4;
truth[3] = 12;
truth[8] = 1.5;
truth[20] = 0.3;

describe('FSRS forward pass', () => {
  it('predicts exactly what ts-fsrs computes with next_state and its forgetting curve', () => {
    const engine = fsrs(generatorParameters({ w: truth, enable_fuzz: false }));
    const history = [
      { rating: 3, deltaDays: 0 },
      { rating: 3, deltaDays: 3 },
      { rating: 1, deltaDays: 9 },
      { rating: 3, deltaDays: 0 },
      { rating: 2, deltaDays: 4 },
      { rating: 4, deltaDays: 12 },
    ] as const;
    const expected: number[] = [];
    let state = engine.next_state(null, 0, history[0].rating);
    for (const review of history.slice(1)) {
      if (review.deltaDays > 0) expected.push(engine.forgetting_curve(review.deltaDays, state.stability));
      state = engine.next_state(state, review.deltaDays, review.rating);
    }
    const ours: number[] = [];
    forEachPrediction(truth, history, (r) => ours.push(r));
    expect(ours).toHaveLength(expected.length);
    for (const [i, r] of ours.entries()) expect(r).toBeCloseTo(expected[i]!, 6);
  });
});

describe('trainFsrs', () => {
  it('reaches a held-out log loss within 1% of the generating parameters’', async () => {
    const histories = simulateReviewHistories(truth, { cards: 3000, reviews: 8, seed: 1 });
    const train = histories.slice(0, 2400);
    const test = histories.slice(2400);
    const w = await trainFsrs(train, { batchSize: 64, seed: 1 });
    const ours = evaluateFsrs(w, test);
    const generating = evaluateFsrs(truth, test);
    const defaults = evaluateFsrs(default_w, test);
    expect(ours.logLoss).toBeLessThanOrEqual(generating.logLoss * 1.01);
    expect(ours.logLoss).toBeLessThan(defaults.logLoss);
    expect(w).toHaveLength(21);
  });

  it('refuses bad reviews, naming the card and review, and can be cancelled', async () => {
    await expect(
      trainFsrs([
        [
          { rating: 5 as never, deltaDays: 0 },
          { rating: 3, deltaDays: 1 },
        ],
      ]),
    ).rejects.toThrow(/card 0, review 0/);
    await expect(trainFsrs([[{ rating: 3, deltaDays: 0 }]])).rejects.toMatchObject({
      code: 'NOT_ENOUGH_DATA',
    });
    const controller = new AbortController();
    controller.abort();
    const data = simulateReviewHistories(truth, { cards: 10, reviews: 4, seed: 2 });
    await expect(trainFsrs(data, { signal: controller.signal })).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('evaluateFsrsTimeSeries', () => {
  it('trains on earlier cards only and scores the later ones, pooled', async () => {
    const histories = simulateReviewHistories(truth, { cards: 600, reviews: 6, seed: 3 });
    const series = await evaluateFsrsTimeSeries(histories, { splits: 3, batchSize: 32 });
    // Blocks of 150 cards; blocks 2–4 are scored: every prediction on those cards, once.
    const scored = evaluateFsrs(truth, histories.slice(150)).count;
    expect(series.count).toBe(scored);
    expect(series.logLoss).toBeGreaterThan(0);
    expect(series.logLoss).toBeLessThan(evaluateFsrs(default_w, histories.slice(150)).logLoss * 1.05);
    await expect(evaluateFsrsTimeSeries(histories.slice(0, 2), { splits: 3 })).rejects.toThrow(
      /at least splits \+ 1 cards/,
    );
  });
});
