import type { ResponseTable } from '../data';
import type { CompiledIndividual, Pace, SkillEvidence } from './individual';

/** Entry indices of `table` grouped by learner, each learner's entries in table order. @internal */
export function groupByLearner(table: ResponseTable): Int32Array {
  const counts = new Int32Array(table.learnerIds.length + 1);
  for (let i = 0; i < table.length; i++) counts[table.learner[i]! + 1]!++;
  for (let l = 0; l < table.learnerIds.length; l++) counts[l + 1]! += counts[l]!;
  const out = new Int32Array(table.length);
  for (let i = 0; i < table.length; i++) out[counts[table.learner[i]!]!++] = i;
  return out;
}

/**
 * Walks every learner of `table` through their responses in table order with the individual
 * model — the same `predictSkill`, `updateTypes` and `updatePace` as the online fold — calling
 * `visit(row, pCorrect)` before each response is seen and, when `features` is given, filling
 * its row `row` with the response layer's inputs. @internal
 */
export function walkIndividual(
  individual: CompiledIndividual,
  table: ResponseTable,
  visit: ((row: number, pCorrect: number) => void) | undefined,
  features?: Float64Array,
  featureCount = 0,
): void {
  const order = groupByLearner(table);
  const skills: (SkillEvidence | undefined)[] = new Array(table.skillIds.length);
  const typeP = new Float64Array(individual.typeCount);
  const touched: number[] = [];
  let pace: Pace = individual.initialPace();
  let learner = -1;
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!;
    if (table.learner[row] !== learner) {
      learner = table.learner[row]!;
      for (const k of touched) skills[k] = undefined;
      touched.length = 0;
      pace = individual.initialPace();
    }
    const k = table.skill[row]!;
    const skillId = table.skillIds[k]!;
    let skill = skills[k];
    if (!skill) {
      skill = { attempts: 0, correct: 0, streak: 0, byType: individual.initialTypes(skillId) };
      skills[k] = skill;
      touched.push(k);
    }
    if (features) individual.features(pace, skill, skillId, features, row * featureCount);
    if (visit) visit(row, individual.predictSkill(pace, skill, skillId));
    const y = table.correct[row]!;
    individual.typePredictions(skill, skillId, typeP);
    pace = individual.updatePace(pace, typeP, y, skill.attempts === 0);
    skills[k] = {
      attempts: skill.attempts + 1,
      correct: skill.correct + y,
      streak: y ? Math.max(skill.streak, 0) + 1 : Math.min(skill.streak, 0) - 1,
      byType: individual.updateTypes(skill.byType, skillId, y),
    };
  }
}
