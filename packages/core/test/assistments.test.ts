import { crossValidateBkt } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ASSISTMENTS_TRAIN, requireSharedData } from './sharedData';

// Real student data: 407,967 responses of 3,361 students on 123 skills. 5-fold cross-validation
// by student, AUC pooled within each held-out fold then averaged over folds — the protocol of
// the pyBKT reference figures in ../shared/data/assistments-2009-builder/README.md.
describe('BKT on ASSISTments 2009 skill-builder (5-fold by learner)', () => {
  let table: Awaited<ReturnType<typeof readResponsesCsv>>['table'];

  beforeAll(async () => {
    const result = await readResponsesCsv(requireSharedData(ASSISTMENTS_TRAIN));
    table = result.table;
    expect(result.rows).toBe(407_967);
  });

  it('reads every response, student and skill', () => {
    expect(table.length).toBe(407_967);
    expect(table.learnerIds).toHaveLength(3361);
    expect(table.skillIds).toHaveLength(123);
  });

  it('reaches AUC ≥ 0.77 with standard BKT', async () => {
    const cv = await crossValidateBkt(table, { folds: 5, seed: 0 });
    expect(cv.mean.auc).toBeGreaterThanOrEqual(0.77);
    expect(cv.mean.rmse).toBeLessThanOrEqual(0.42);
    for (const fold of cv.folds) expect(fold.auc).toBeGreaterThan(0.75);
  });

  it('reaches AUC ≥ 0.80 with forgetting', async () => {
    const cv = await crossValidateBkt(table, { folds: 5, seed: 0, fit: { forgets: true } });
    expect(cv.mean.auc).toBeGreaterThanOrEqual(0.8);
    expect(cv.mean.rmse).toBeLessThanOrEqual(0.405);
  });
});
