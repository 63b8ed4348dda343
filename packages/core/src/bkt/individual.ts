// The learner's own pace: what BKT with one parameter set per skill cannot know. Two parts,
// both estimated online from the learner's own responses as they arrive:
//
// - Learner types: BKT parameters per skill for each of a few types of learner (fitted by hard
//   EM over the training learners: each learner to the type that explains their answers best,
//   each type's parameters refitted on its learners). A learner's posterior over the types starts
//   at the population's shares and follows every answer on every skill, so a learner who learns
//   fast on earlier skills is expected to learn fast on the next one (Lee & Brunskill 2012;
//   Pardos & Heffernan's individualized priors; Yudelson et al. 2013).
// - A response layer: P(correct) is a logistic function of the type mixture's prediction, the
//   learner's ability (an Elo offset with an uncertainty function, Pelánek 2016) and recent
//   performance on the skill and overall — performance factor analysis with recency on top of
//   individualized BKT, with weights per skill shrunk toward the population's.
//
// One copy of the arithmetic: the online fold, bulk prediction and fitting all call `step` and
// `predictSkill` below.
import * as z from 'zod/mini';
import { id, probability } from '../validation';
import { bktPosterior, bktPredict, bktTransition, logit, sigmoid } from './math';

/** Names of the response layer's inputs, in the order of its weights. */
export const RESPONSE_FEATURES = [
  'bias',
  'ability',
  'recent',
  'first attempt',
  'streak',
  'streak >= 2',
  'streak >= 3',
  'streak <= -2',
  'log(1 + correct)',
  'log(1 + wrong)',
  'logit of the learner-type prediction',
  'log(1 + responses per skill started)',
  'log(1 + wrong answers per skill started)',
] as const;

const FEATURES = RESPONSE_FEATURES.length;
/**
 * The learner-type prediction enters the response layer kept in [0.001, 0.999]: a type whose
 * guess or slip fitted to 0 would otherwise give logits of ±14 that the layer cannot temper
 * (standard BKT + pace in CV: log loss 0.585 unclamped, 0.448 clamped; AUC 0.824 -> 0.831).
 */
const TYPE_P_FLOOR = 1e-3;

const TypeSkillParamsSchema = z.object({
  pInit: probability,
  pLearn: probability,
  pForget: probability,
  pGuess: probability,
  pSlip: probability,
});

const weights = z.array(z.number()).check(z.length(FEATURES));

/**
 * The learner-level part of a BKT model (see `fitBkt(…, { individualize: true })`): learner
 * types and the response layer. Plain JSON inside the model.
 */
export const IndividualModelSchema = z
  .object({
    /** Share of each learner type among the training learners: a new learner's prior. */
    typeWeights: z.array(probability).check(z.minLength(2), z.maxLength(16)),
    /** Per learner type, the BKT parameters of each skill (a skill missing here uses the model's own). */
    types: z.array(z.record(id, TypeSkillParamsSchema)),
    /** Step of the first ability update; later steps shrink as step / (1 + decay · n). */
    abilityStep: z.number().check(z.gte(0), z.lte(4)),
    /** How fast the ability step shrinks. */
    abilityDecay: z.number().check(z.gte(0), z.lte(10)),
    /** Weight of the past in the learner's recent accuracy (an exponential average). */
    recentDecay: probability,
    /**
     * Exponent on each response's likelihood when the learner-type posterior follows it (1:
     * full weight). Below 1 because a learner's answers on one skill are not independent
     * evidence of their type; models saved before it existed use 1.
     */
    evidenceWeight: z._default(z.number().check(z.gt(0), z.lte(1)), 1),
    /** Weights of the response layer for skills without weights of their own. */
    response: weights,
    /** Weights of the response layer per skill. */
    responseBySkill: z.record(id, weights),
  })
  .check(
    z.refine((m) => m.types.length === m.typeWeights.length, {
      message: 'types must have one entry per type weight',
      path: ['types'],
    }),
  );

/** The learner-level part of a BKT model (see {@link IndividualModelSchema}). */
export type IndividualModel = z.output<typeof IndividualModelSchema>;

/**
 * A learner's own pace, as the model estimates it online: kept in `LearnerState.pace` when the
 * model is individualized.
 */
export const PaceSchema = z.object({
  /** Posterior probability of each learner type. */
  types: z.array(probability),
  /** Ability: an offset on the logit of P(correct), 0 for the population. */
  ability: z.number(),
  /** Responses the estimate has seen. */
  responses: z.int().check(z.gte(0)),
  /** Recent accuracy, an exponential average starting at 0.5. */
  recent: probability,
  /** Skills the learner has started. */
  skills: z.int().check(z.gte(0)),
  /** Wrong answers in all. */
  wrong: z.number().check(z.gte(0)),
});

/** A learner's own pace (see {@link PaceSchema}). */
export type Pace = z.output<typeof PaceSchema>;

/** What the individual model reads of one skill of one learner. */
export interface SkillEvidence {
  attempts: number;
  correct: number;
  streak: number;
  /** P(L) under each learner type. */
  byType: readonly number[];
}

interface TypeParams {
  pInit: number;
  pLearn: number;
  pForget: number;
  pGuess: number;
  pSlip: number;
}

/** The individual model compiled for online use. @internal */
export interface CompiledIndividual {
  readonly model: IndividualModel;
  readonly typeCount: number;
  /**
   * How fast each type learns relative to the population: the geometric mean over skills of
   * its P(T) over the population's.
   */
  readonly typeSpeeds: readonly number[];
  initialPace(): Pace;
  /** P(L) under each type before any evidence on the skill. */
  initialTypes(skillId: string): number[];
  /** The learner's P(L): the type posterior's mixture. */
  mastery(pace: Pace, byType: readonly number[]): number;
  /** P(correct) on the skill's next response (`scale` multiplies each type's P(L), e.g. by recall). */
  predictSkill(pace: Pace, skill: SkillEvidence, skillId: string, scale?: number): number;
  /** The learner type mixture's own P(correct) for each type. @internal */
  typePredictions(skill: SkillEvidence, skillId: string, out: Float64Array): void;
  /** P(L) under each type after one response on the skill. */
  updateTypes(byType: readonly number[], skillId: string, response: number): number[];
  /**
   * The pace after one response that each type predicted right with probability `typeP[c]`
   * (before the response layer).
   */
  updatePace(pace: Pace, typeP: Float64Array, response: number, firstOnSkill: boolean): Pace;
  /**
   * The response layer's inputs for one response (into `out`, {@link RESPONSE_FEATURES} order);
   * `scale` multiplies each type's P(L), e.g. by recall.
   */
  features(
    pace: Pace,
    skill: SkillEvidence,
    skillId: string,
    out: Float64Array,
    offset: number,
    scale?: number,
  ): void;
}

/** Compiles an individual model; `base` gives the parameters of a skill a type does not name. @internal */
export function compileIndividual(
  model: IndividualModel,
  base: (skillId: string) => TypeParams,
): CompiledIndividual {
  const typeCount = model.typeWeights.length;
  const types = model.types.map((t) => new Map<string, TypeParams>(Object.entries(t)));
  const bySkill = new Map<string, readonly number[]>(Object.entries(model.responseBySkill));
  const paramsOf = (c: number, skillId: string): TypeParams => types[c]!.get(skillId) ?? base(skillId);
  // Per skill, every type's parameters in one flat array (pInit, pLearn, pForget, pGuess, pSlip
  // per type), built on first use: one lookup per skill on the fold's path instead of one per type.
  const flat = new Map<string, Float64Array>();
  const flatOf = (skillId: string): Float64Array => {
    let f = flat.get(skillId);
    if (!f) {
      f = new Float64Array(typeCount * 5);
      for (let c = 0; c < typeCount; c++) {
        const p = paramsOf(c, skillId);
        f.set([p.pInit, p.pLearn, p.pForget, p.pGuess, p.pSlip], c * 5);
      }
      flat.set(skillId, f);
    }
    return f;
  };
  const scratch = new Float64Array(typeCount);
  const typeSpeeds = types.map((t) => {
    let sum = 0;
    let n = 0;
    for (const [skillId, p] of t) {
      sum += Math.log(Math.max(p.pLearn, 1e-6) / Math.max(base(skillId).pLearn, 1e-6));
      n++;
    }
    return n > 0 ? Math.exp(sum / n) : 1;
  });
  const row = new Float64Array(FEATURES);
  // A likelihood to the power of the evidence weight; the fitted weight (1/4) is two square
  // roots, several times cheaper than Math.pow on the fold's hottest loop.
  const weight = model.evidenceWeight;
  const temper =
    weight === 1
      ? (x: number) => x
      : weight === 0.5
        ? Math.sqrt
        : weight === 0.25
          ? (x: number) => Math.sqrt(Math.sqrt(x))
          : (x: number) => x ** weight;

  const mixture = (pace: Pace, values: ArrayLike<number>): number => {
    let sum = 0;
    for (let c = 0; c < typeCount; c++) sum += pace.types[c]! * values[c]!;
    return sum;
  };
  const typePredictions = (skill: SkillEvidence, skillId: string, out: Float64Array, scale = 1): void => {
    const f = flatOf(skillId);
    for (let c = 0; c < typeCount; c++)
      out[c] = bktPredict(skill.byType[c]! * scale, f[c * 5 + 3]!, f[c * 5 + 4]!);
  };
  const features = (
    pace: Pace,
    skill: SkillEvidence,
    skillId: string,
    out: Float64Array,
    o: number,
    scale = 1,
  ): void => {
    typePredictions(skill, skillId, scratch, scale);
    const s = skill.streak;
    out[o] = 1;
    out[o + 1] = pace.ability;
    out[o + 2] = pace.recent;
    out[o + 3] = skill.attempts === 0 ? 1 : 0;
    out[o + 4] = s < -3 ? -3 : s > 3 ? 3 : s;
    out[o + 5] = s >= 2 ? 1 : 0;
    out[o + 6] = s >= 3 ? 1 : 0;
    out[o + 7] = s <= -2 ? 1 : 0;
    out[o + 8] = Math.log1p(skill.correct);
    out[o + 9] = Math.log1p(skill.attempts - skill.correct);
    out[o + 10] = logit(Math.min(Math.max(mixture(pace, scratch), TYPE_P_FLOOR), 1 - TYPE_P_FLOOR));
    const started = pace.skills + (skill.attempts === 0 ? 1 : 0);
    out[o + 11] = Math.log1p(pace.responses / started);
    out[o + 12] = Math.log1p(pace.wrong / started);
  };

  return {
    model,
    typeCount,
    typeSpeeds,
    initialPace: () => ({
      types: [...model.typeWeights],
      ability: 0,
      responses: 0,
      recent: 0.5,
      skills: 0,
      wrong: 0,
    }),
    initialTypes: (skillId) => {
      const f = flatOf(skillId);
      const out = new Array<number>(typeCount);
      for (let c = 0; c < typeCount; c++) out[c] = f[c * 5]!;
      return out;
    },
    mastery: (pace, byType) => mixture(pace, byType),
    predictSkill: (pace, skill, skillId, scale = 1) => {
      features(pace, skill, skillId, row, 0, scale);
      const w = bySkill.get(skillId) ?? model.response;
      let z = 0;
      for (let f = 0; f < FEATURES; f++) z += w[f]! * row[f]!;
      return sigmoid(z);
    },
    typePredictions: (skill, skillId, out) => typePredictions(skill, skillId, out),
    updateTypes: (byType, skillId, response) => {
      const f = flatOf(skillId);
      const out = new Array<number>(typeCount);
      for (let c = 0; c < typeCount; c++) {
        const o = c * 5;
        out[c] = bktTransition(
          bktPosterior(byType[c]!, response, f[o + 3]!, f[o + 4]!),
          f[o + 1]!,
          f[o + 2]!,
        );
      }
      return out;
    },
    updatePace: (pace, typeP, response, firstOnSkill) => {
      // Posterior over types: each type's likelihood of the response (a score r counts as
      // r · P(correct) + (1 − r) · P(wrong)) to the power of the evidence weight, normalised;
      // kept off 0 so no type is ruled out for good.
      let total = 0;
      let mixed = 0;
      const next = new Array<number>(typeCount);
      for (let c = 0; c < typeCount; c++) {
        const p = typeP[c]!;
        mixed += pace.types[c]! * p;
        const v = pace.types[c]! * temper(response * p + (1 - response) * (1 - p));
        next[c] = v;
        total += v;
      }
      let floored = 0;
      for (let c = 0; c < typeCount; c++) {
        next[c] = Math.max(1e-9, next[c]! / total);
        floored += next[c]!;
      }
      for (let c = 0; c < typeCount; c++) next[c] = next[c]! / floored;
      const predicted = sigmoid(logit(mixed) + pace.ability);
      const step = model.abilityStep / (1 + model.abilityDecay * pace.responses);
      const ability = Math.max(-4, Math.min(4, pace.ability + step * (response - predicted)));
      return {
        types: next,
        ability,
        responses: pace.responses + 1,
        recent: model.recentDecay * pace.recent + (1 - model.recentDecay) * response,
        skills: pace.skills + (firstOnSkill ? 1 : 0),
        wrong: pace.wrong + (1 - response),
      };
    },
    features,
  };
}
