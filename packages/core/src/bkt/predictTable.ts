import type { ResponseTable } from '../data';
import type { Bkt } from './createBkt';
import { walkIndividual } from './individualTable';
import { bktPredict } from './math';
import { groupBySkillThenLearner } from './sequences';

interface SkillColumns {
  guess: Float64Array;
  slip: Float64Array;
  learn: Float64Array;
  forget: number;
}

/** Per-skill parameters indexed by the table's item indices (last slot: entries with no item). */
function skillColumns(bkt: Bkt, table: ResponseTable, skillId: string): SkillColumns {
  const params = bkt.params(skillId);
  const n = table.itemIds.length + 1;
  const guess = new Float64Array(n).fill(params.pGuess);
  const slip = new Float64Array(n).fill(params.pSlip);
  const learn = new Float64Array(n).fill(params.pLearn);
  if (params.items) {
    table.itemIds.forEach((id, j) => {
      const item = params.items?.[id];
      if (!item) return;
      if (item.pGuess !== undefined) guess[j] = item.pGuess;
      if (item.pSlip !== undefined) slip[j] = item.pSlip;
      if (item.pLearn !== undefined) learn[j] = item.pLearn;
    });
  }
  return { guess, slip, learn, forget: params.pForget };
}

/**
 * Walks every (learner, skill) sequence of `table` in order, calling `visit(row, pBefore,
 * pCorrect)` before each response is applied, and `end(learner, skill, pAfter)` after the last.
 */
function walk(
  bkt: Bkt,
  table: ResponseTable,
  visit: ((row: number, pCorrect: number) => void) | undefined,
  end: ((learner: number, skill: number, pMastery: number) => void) | undefined,
): void {
  const order = groupBySkillThenLearner(table);
  const noItem = table.itemIds.length;
  let i = 0;
  while (i < order.length) {
    const skill = table.skill[order[i]!]!;
    const skillId = table.skillIds[skill]!;
    const cols = skillColumns(bkt, table, skillId);
    while (i < order.length && table.skill[order[i]!] === skill) {
      const first = order[i]!;
      const learner = table.learner[first]!;
      const cls = table.learnerClass[first]!;
      // P(L) and P(U) are carried separately (as in EM), so that on a long sequence the smaller
      // of the two keeps its precision instead of rounding to 0 in 1 − P(L).
      let l = bkt.prior(skillId, cls >= 0 ? table.classIds[cls] : undefined);
      let u = 1 - l;
      while (i < order.length && table.skill[order[i]!] === skill && table.learner[order[i]!] === learner) {
        const row = order[i]!;
        const it = table.item[row]!;
        const j = it >= 0 ? it : noItem;
        const g = cols.guess[j]!;
        const s = cols.slip[j]!;
        visit?.(row, bktPredict(l, g, s));
        const correct = table.correct[row] === 1;
        const al = l * (correct ? 1 - s : s);
        const au = u * (correct ? g : 1 - g);
        const fl = al / (al + au);
        const fu = au / (al + au);
        const lr = cols.learn[j]!;
        l = fl * (1 - cols.forget) + fu * lr;
        u = fu * (1 - lr) + fl * cols.forget;
        i++;
      }
      end?.(learner, skill, l);
    }
  }
}

/**
 * One-step-ahead predictions: for every entry of `table`, P(correct) before that response was
 * seen, from the skill's prior and the learner's earlier responses on that skill only. This is
 * how knowledge-tracing models are evaluated (pyBKT's `predict`). Returns one prediction per
 * entry, aligned with the table.
 */
export function predictResponses(bkt: Bkt, table: ResponseTable): Float64Array {
  const predictions = new Float64Array(table.length);
  if (bkt.individual) {
    // The learner's own pace follows every answer on every skill, in the learner's order.
    walkIndividual(bkt.individual, table, (row, p) => {
      predictions[row] = p;
    });
    return predictions;
  }
  walk(
    bkt,
    table,
    (row, p) => {
      predictions[row] = p;
    },
    undefined,
  );
  return predictions;
}

/** Mastery estimates of every (learner, skill) pair in a table, as parallel columns. */
export interface MasteryColumns {
  /** Index into the table's `learnerIds`. */
  learner: Int32Array;
  /** Index into the table's `skillIds`. */
  skill: Int32Array;
  /** P(L) after the learner's last response on the skill (and its transition). */
  pMastery: Float64Array;
}

/**
 * P(L) of every learner on every skill they answered, after all their responses: bulk scoring
 * of a whole class or population. Costs 16 bytes per (learner, skill) pair.
 */
export function estimateMastery(bkt: Bkt, table: ResponseTable): MasteryColumns {
  const learners: number[] = [];
  const skills: number[] = [];
  const values: number[] = [];
  walk(bkt, table, undefined, (learner, skill, p) => {
    learners.push(learner);
    skills.push(skill);
    values.push(p);
  });
  return {
    learner: Int32Array.from(learners),
    skill: Int32Array.from(skills),
    pMastery: Float64Array.from(values),
  };
}
