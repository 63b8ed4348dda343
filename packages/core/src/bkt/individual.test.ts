import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createResponseTable, type ResponseRow, selectLearners } from '../data';
import { crossValidateBkt, kFoldByLearner } from '../evaluation';
import { readResponsesCsv } from '../node';
import { createRandom } from '../random';
import { createLearnerModel } from '../state';
import { createBkt } from './createBkt';
import { fitBkt } from './fitBkt';
import { predictResponses } from './predictTable';

/**
 * Learners with known individual speeds: each learns every skill with P(T) = 1 − (1 − 0.12)^speed,
 * speed log-normal around 1; skills are practised in order until three right in a row (at most
 * 12 attempts), as in a skill builder.
 */
interface SimRow extends ResponseRow {
  learnerId: string;
  skillId: string;
  correct: 0 | 1;
}

function simulateSpeeds(learners: number, seed: number): { rows: SimRow[]; speed: number[] } {
  const random = createRandom(seed);
  const rows: SimRow[] = [];
  const speed: number[] = [];
  for (let l = 0; l < learners; l++) {
    const s = Math.exp(0.8 * random.normal());
    speed.push(s);
    const learn = 1 - (1 - 0.12) ** s;
    for (let k = 0; k < 10; k++) {
      let known = random.next() < 0.15;
      let run = 0;
      for (let t = 0; t < 12 && run < 3; t++) {
        const correct = known ? random.next() >= 0.1 : random.next() < 0.2;
        rows.push({ learnerId: `l${l}`, skillId: `s${k}`, correct: correct ? 1 : 0 });
        run = correct ? run + 1 : 0;
        if (!known) known = random.next() < learn;
      }
    }
  }
  return { rows, speed };
}

function spearman(a: number[], b: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    order.forEach(([, i], k) => {
      r[i] = k;
    });
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  const mean = (n - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}

function attempt(learnerId: string, t: number, skillId: string, correct: boolean) {
  return {
    type: 'attempt' as const,
    id: `e${t}`,
    learnerId,
    at: t * 1000,
    itemId: `q${t}`,
    skillIds: [skillId],
    correct,
    hintsUsed: 0,
    score: undefined,
    responseTimeMs: undefined,
  };
}

describe('the learner’s own pace (individualized BKT)', async () => {
  const train = simulateSpeeds(600, 1);
  const model = await fitBkt(createResponseTable(train.rows), { individualize: true, seed: 0 });
  const held = simulateSpeeds(300, 2);
  const learner = createLearnerModel({ bkt: model });

  /** Each held-out learner's state after their first 50 responses, and the predictions made on the way. */
  const followed = held.speed.map((_, l) => {
    const rows = held.rows.filter((r) => r.learnerId === `l${l}`).slice(0, 50);
    let state = learner.initialState(`l${l}`);
    const predicted: number[] = [];
    rows.forEach((row, t) => {
      predicted.push(learner.predictSkill(state, row.skillId));
      state = learner.apply(state, attempt(`l${l}`, t, row.skillId, row.correct === 1) as never);
    });
    return { state, predicted, answers: rows.map((r) => r.correct), skills: rows.map((r) => r.skillId) };
  });

  it('ranks held-out learners by their true speed after 50 responses (Spearman ≥ 0.7)', () => {
    const estimates = followed.map(({ state }) => learner.pace(state)!.speed);
    expect(spearman(estimates, held.speed)).toBeGreaterThanOrEqual(0.7);
  });

  it('is calibrated in every speed band, where the population model is not', () => {
    // Per third of the learners by true speed, after each learner's first 10 responses: the mean
    // prediction against the success rate, for this model and for the same BKT without pace.
    const population = createLearnerModel({ bkt: { ...model, individual: undefined } });
    const order = held.speed.map((s, l) => [s, l] as const).sort((a, b) => a[0] - b[0]);
    const errors: { individual: number; population: number }[] = [];
    for (let band = 0; band < 3; band++) {
      const members = order.slice((band * order.length) / 3, ((band + 1) * order.length) / 3);
      let predicted = 0;
      let baseline = 0;
      let actual = 0;
      let n = 0;
      for (const [, l] of members) {
        const f = followed[l]!;
        let state = population.initialState(`l${l}`);
        f.predicted.forEach((p, t) => {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          const skillId = f.skills[t]!;
          if (t >= 10) {
            predicted += p;
            baseline += population.predictSkill(state, skillId);
            actual += f.answers[t]!;
            n++;
          }
          state = population.apply(state, attempt(`l${l}`, t, skillId, f.answers[t] === 1) as never);
        });
      }
      errors.push({
        individual: Math.abs(predicted - actual) / n,
        population: Math.abs(baseline - actual) / n,
      });
    }
    for (const e of errors) expect(e.individual).toBeLessThan(0.06);
    // The slowest and fastest thirds: the population model misses them by more.
    expect(errors[0]!.individual).toBeLessThan(errors[0]!.population);
    expect(errors[2]!.individual).toBeLessThan(errors[2]!.population);
  });

  it('gives a fast learner a higher P(L) than a slow one with the same answers on a new skill', () => {
    // The fastest and the slowest held-out learner after their first 20 responses (at least 3 per
    // skill, so neither has reached s9, the last skill).
    const after20 = (l: number) => {
      let state = learner.initialState(`l${l}`);
      held.rows
        .filter((r) => r.learnerId === `l${l}`)
        .slice(0, 20)
        .forEach((row, t) => {
          state = learner.apply(state, attempt(`l${l}`, t, row.skillId, row.correct === 1) as never);
        });
      return state;
    };
    const fast = after20(held.speed.indexOf(Math.max(...held.speed)));
    const slow = after20(held.speed.indexOf(Math.min(...held.speed)));
    expect(Object.hasOwn(fast.skills, 's9') || Object.hasOwn(slow.skills, 's9')).toBe(false);
    expect(learner.mastery(fast, 's9')).toBeGreaterThan(learner.mastery(slow, 's9'));
    const answer = (state: typeof fast) =>
      learner.apply(state, {
        type: 'attempt',
        id: 'new',
        learnerId: state.learnerId,
        at: 1e9,
        itemId: 'q-new',
        skillIds: ['s9'],
        correct: true,
        hintsUsed: 0,
      } as never);
    expect(learner.mastery(answer(fast), 's9')).toBeGreaterThan(learner.mastery(answer(slow), 's9'));
  });

  it('predicts in bulk exactly what the online fold predicts, response by response', () => {
    const rows = held.rows.filter((r) => r.learnerId === 'l0' || r.learnerId === 'l1');
    const table = createResponseTable(rows);
    const bulk = predictResponses(createBkt(model), table);
    const states = new Map<string, ReturnType<typeof learner.initialState>>();
    rows.forEach((row, t) => {
      const state = states.get(row.learnerId) ?? learner.initialState(row.learnerId);
      expect(learner.predictSkill(state, row.skillId)).toBeCloseTo(bulk[t]!, 12);
      states.set(
        row.learnerId,
        learner.apply(state, {
          type: 'attempt',
          id: `e${t}`,
          learnerId: row.learnerId,
          at: t,
          itemId: 'q',
          skillIds: [row.skillId],
          correct: row.correct === 1,
          hintsUsed: 0,
        } as never),
      );
    });
    const replayed = learner.replay(
      'l0',
      rows
        .map((row, t) => ({ row, t }))
        .filter(({ row }) => row.learnerId === 'l0')
        .map(({ row, t }) => ({
          type: 'attempt' as const,
          id: `e${t}`,
          learnerId: 'l0',
          at: t,
          itemId: 'q',
          skillIds: [row.skillId],
          correct: row.correct === 1,
        })),
    );
    expect(replayed.pace).toEqual(states.get('l0')!.pace);
    expect(replayed.skills).toEqual(states.get('l0')!.skills);
  });

  it('fits the same model whether learners’ rows come one learner after another or interleaved', async () => {
    const rows = train.rows.slice(0, 3000);
    const byLearner = new Map<string, SimRow[]>();
    for (const row of rows) byLearner.set(row.learnerId, [...(byLearner.get(row.learnerId) ?? []), row]);
    // Round-robin: one row of each learner in turn, each learner's own order kept.
    const queues = [...byLearner.values()];
    const interleaved: SimRow[] = [];
    while (interleaved.length < rows.length)
      for (const q of queues) if (q.length > 0) interleaved.push(q.shift()!);
    const options = { individualize: true, learnerTypes: 3, restarts: 1, seed: 0 } as const;
    const a = await fitBkt(createResponseTable(rows), options);
    const b = await fitBkt(createResponseTable(interleaved), options);
    expect(b.individual!.typeWeights).toEqual(a.individual!.typeWeights);
    expect(b.individual!.types).toEqual(a.individual!.types);
  });

  it('never reads the response it predicts: changing later answers leaves earlier predictions unchanged', () => {
    const rows = held.rows.filter((r) => r.learnerId === 'l3');
    const bkt = createBkt(model);
    const before = predictResponses(bkt, createResponseTable(rows));
    const cut = Math.floor(rows.length / 2);
    const random = createRandom(5);
    const changed = rows.map((r, i) => (i < cut ? r : { ...r, correct: random.next() < 0.5 ? 1 : 0 }));
    const after = predictResponses(bkt, createResponseTable(changed));
    for (let i = 0; i <= cut; i++) expect(after[i]).toBe(before[i]);
    // The test can fail: predictions after the cut do depend on the answers changed.
    expect(Array.from(after.slice(cut + 1))).not.toEqual(Array.from(before.slice(cut + 1)));
  });
});

const dataPath = fileURLToPath(
  new URL('../../../../../shared/data/assistments-2009-builder/train.csv', import.meta.url),
);

describe('on ASSISTments 2009 (shared training split)', () => {
  it('raises the pooled AUC of 5-fold CV by student over the same model without it', async () => {
    if (!existsSync(dataPath)) throw new Error(`The shared data is missing: ${dataPath}`);
    const { table: all } = await readResponsesCsv(dataPath);
    // A fifth of the students keeps the test quick; the benchmark runs the whole split.
    const keep = kFoldByLearner(all.learnerIds.length, 5, 7).map((f) => (f === 0 ? 1 : 0));
    const table = selectLearners(all, Uint8Array.from(keep));
    const plain = await crossValidateBkt(table, { fit: { forgets: true, restarts: 2 } });
    const individual = await crossValidateBkt(table, {
      fit: { forgets: true, restarts: 2, individualize: true },
    });
    expect(individual.pooled.auc).toBeGreaterThan(plain.pooled.auc + 0.005);
  }, 120_000);
});
