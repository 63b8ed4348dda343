import { PacekitError } from '../errors';
import { parseInput } from '../validation';
import { type CompiledIndividual, compileIndividual } from './individual';
import { bktPosterior, bktPredict, bktTransition } from './math';
import { type BktModel, type BktModelInput, BktModelSchema, type BktSkillParams } from './params';

interface ResolvedItem {
  pGuess: number;
  pSlip: number;
  pLearn: number;
}

/**
 * A fitted BKT model ready for online use: what a learner's mastery is before any evidence,
 * how likely their next response is to be correct, and how one response changes P(L).
 * All methods are pure and allocation-free; unknown skills use the model's `defaultParams`,
 * unknown items use their skill's parameters.
 */
export interface Bkt {
  /** The model as JSON (validated, with defaults filled in). */
  readonly model: BktModel;
  /** The parameters used for `skillId` (its own, or the defaults). */
  params(skillId: string): BktSkillParams;
  /** P(L₀): mastery before any evidence, for a learner of `learnerClass` if given. */
  prior(skillId: string, learnerClass?: string): number;
  /** P(correct) on the next response, given the current P(L). */
  predict(skillId: string, pMastery: number, itemId?: string): number;
  /**
   * P(L) after one response: the posterior given the response, then the learn/forget
   * transition. `response` is correct (true/1), wrong (false/0) or a score in [0, 1].
   */
  update(skillId: string, pMastery: number, response: boolean | number, itemId?: string): number;
  /**
   * The learner-level part, compiled, when the model has one.
   * @internal
   */
  readonly individual: CompiledIndividual | undefined;
}

interface CompiledSkill {
  params: BktSkillParams;
  base: ResolvedItem;
  items: Map<string, ResolvedItem> | undefined;
}

function compile(params: BktSkillParams): CompiledSkill {
  const base = { pGuess: params.pGuess, pSlip: params.pSlip, pLearn: params.pLearn };
  let items: Map<string, ResolvedItem> | undefined;
  if (params.items) {
    items = new Map();
    for (const [id, item] of Object.entries(params.items)) {
      items.set(id, {
        pGuess: item.pGuess ?? base.pGuess,
        pSlip: item.pSlip ?? base.pSlip,
        pLearn: item.pLearn ?? base.pLearn,
      });
    }
  }
  return { params, base, items };
}

/**
 * Creates the online model from a fitted (or hand-written) model. The model is validated once
 * here; a probability outside [0, 1] throws a `PacekitError` naming the skill and field.
 *
 * @example
 * ```ts
 * const bkt = createBkt(await fitBkt(table));
 * let p = bkt.prior('fractions');
 * p = bkt.update('fractions', p, true);
 * bkt.predict('fractions', p); // P(correct) on the next fractions item
 * ```
 */
export function createBkt(model: BktModelInput): Bkt {
  const parsed = parseInput(BktModelSchema, model, 'BKT model');
  const skills = new Map<string, CompiledSkill>();
  for (const [id, params] of Object.entries(parsed.skills)) skills.set(id, compile(params));
  const fallback = compile(parsed.defaultParams);
  const skillOf = (skillId: string): CompiledSkill => skills.get(skillId) ?? fallback;
  const itemOf = (skill: CompiledSkill, itemId: string | undefined): ResolvedItem =>
    (itemId !== undefined && skill.items?.get(itemId)) || skill.base;

  const individual = parsed.individual
    ? compileIndividual(parsed.individual, (skillId) => skillOf(skillId).params)
    : undefined;
  return {
    model: parsed,
    individual,
    params: (skillId) => skillOf(skillId).params,
    prior: (skillId, learnerClass) => {
      const params = skillOf(skillId).params;
      const byClass = learnerClass === undefined ? undefined : params.classPInit?.[learnerClass];
      return byClass ?? params.pInit;
    },
    predict: (skillId, pMastery, itemId) => {
      const item = itemOf(skillOf(skillId), itemId);
      return bktPredict(pMastery, item.pGuess, item.pSlip);
    },
    update: (skillId, pMastery, response, itemId) => {
      const skill = skillOf(skillId);
      const item = itemOf(skill, itemId);
      const r = response === true ? 1 : response === false ? 0 : response;
      if (!(r >= 0 && r <= 1)) {
        throw new PacekitError(
          'INVALID_INPUT',
          `bkt.update: response must be a boolean or a score in [0, 1] (got ${String(response)})`,
        );
      }
      const posterior = bktPosterior(pMastery, r, item.pGuess, item.pSlip);
      return bktTransition(posterior, item.pLearn, skill.params.pForget);
    },
  };
}
