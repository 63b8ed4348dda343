import { describe, expect, it } from 'vitest';
import { simulateBkt } from '../__fixtures__/simulateBkt';
import { createResponseTable } from '../data';
import { createBkt } from './createBkt';
import { estimateMastery, predictResponses } from './predictTable';

const bkt = createBkt({
  kind: 'bkt',
  schemaVersion: 1,
  skills: {
    x: { pInit: 0.3, pLearn: 0.2, pForget: 0.05, pGuess: 0.2, pSlip: 0.1 },
    y: { pInit: 0.5, pLearn: 0.1, pGuess: 0.25, pSlip: 0.15, items: { i1: { pGuess: 0.05 } } },
  },
});

describe('predictResponses', () => {
  it('predicts each response before it is seen, exactly as online updates would (replay equals incremental)', () => {
    const rows = [
      ...simulateBkt({
        learners: 30,
        length: 12,
        params: { pInit: 0.3, pLearn: 0.2, pForget: 0.05, pGuess: 0.2, pSlip: 0.1 },
        seed: 1,
        skillId: 'x',
      }),
      ...simulateBkt({
        learners: 30,
        length: 12,
        params: { pInit: 0.5, pLearn: 0.1, pForget: 0, pGuess: 0.25, pSlip: 0.15 },
        seed: 2,
        skillId: 'y',
        items: [
          { id: 'i1', pGuess: 0.05, pSlip: 0.15 },
          { id: 'i2', pGuess: 0.25, pSlip: 0.15 },
        ],
      }),
    ];
    // Interleave the two skills' rows learner by learner, as real logs are.
    rows.sort((a, b) => (a.learnerId < b.learnerId ? -1 : a.learnerId > b.learnerId ? 1 : 0));
    const table = createResponseTable(rows);
    const predictions = predictResponses(bkt, table);

    const state = new Map<string, number>();
    rows.forEach((row, i) => {
      const skillId = row.skillId as string;
      const key = `${row.learnerId}/${skillId}`;
      const p = state.get(key) ?? bkt.prior(skillId);
      expect(predictions[i]).toBeCloseTo(bkt.predict(skillId, p, row.itemId), 12);
      state.set(key, bkt.update(skillId, p, row.correct as boolean, row.itemId));
    });

    const mastery = estimateMastery(bkt, table);
    expect(mastery.pMastery.length).toBe(state.size);
    for (let k = 0; k < mastery.pMastery.length; k++) {
      const key = `${table.learnerIds[mastery.learner[k]!]}/${table.skillIds[mastery.skill[k]!]}`;
      expect(mastery.pMastery[k]).toBeCloseTo(state.get(key)!, 12);
    }
  });

  it('keeps every prediction in [0, 1]', () => {
    const table = createResponseTable(
      simulateBkt({
        learners: 20,
        length: 300,
        params: { pInit: 0.9, pLearn: 0.01, pForget: 0, pGuess: 0.45, pSlip: 0.4 },
        seed: 5,
        skillId: 'x',
      }),
    );
    for (const p of predictResponses(bkt, table)) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});
