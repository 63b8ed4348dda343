import * as z from 'zod/mini';
import { id, probability } from '../validation';
import { IndividualModelSchema } from './individual';

/** Item-level overrides of a skill's parameters (KT-IDEM guess/slip, per-item learn rate). */
export const BktItemParamsSchema = z.object({
  pGuess: z.optional(probability),
  pSlip: z.optional(probability),
  pLearn: z.optional(probability),
});

/**
 * The parameters of one skill in Bayesian Knowledge Tracing (Corbett & Anderson, 1995):
 * - `pInit`: P(L₀), the probability the skill is already known before the first response;
 * - `pLearn`: P(T), the probability of moving from unknown to known after a response;
 * - `pForget`: P(F), of moving from known to unknown (0 in standard BKT; pyBKT's `forgets`);
 * - `pGuess`: P(G), of a correct response while the skill is unknown;
 * - `pSlip`: P(S), of a wrong response while the skill is known.
 *
 * Optional refinements, as in pyBKT: `classPInit` (a prior per learner class, "multiprior")
 * and `items` (per-item guess/slip — KT-IDEM — and per-item learn rates, "multilearn").
 */
export const BktSkillParamsSchema = z.object({
  pInit: probability,
  pLearn: probability,
  pForget: z._default(probability, 0),
  pGuess: probability,
  pSlip: probability,
  classPInit: z.optional(z.record(id, probability)),
  items: z.optional(z.record(id, BktItemParamsSchema)),
});

/** Parameters of one skill (see {@link BktSkillParamsSchema}). */
export interface BktSkillParams extends z.output<typeof BktSkillParamsSchema> {}
/** Item-level parameter overrides. */
export interface BktItemParams extends z.output<typeof BktItemParamsSchema> {}

/** How one skill's parameters were fitted. */
export const BktSkillFitSchema = z.object({
  logLikelihood: z.number(),
  iterations: z.int().check(z.gte(0)),
  responses: z.int().check(z.gte(0)),
  sequences: z.int().check(z.gte(0)),
});

/** The variants of BKT a model uses. */
export const BktVariantSchema = z.object({
  forgets: z._default(z.boolean(), false),
  itemGuessSlip: z._default(z.boolean(), false),
  itemLearn: z._default(z.boolean(), false),
  classPrior: z._default(z.boolean(), false),
});

/** Parameters used for a skill the model has no parameters for. */
export const DEFAULT_BKT_PARAMS: Readonly<BktSkillParams> = Object.freeze({
  pInit: 0.2,
  pLearn: 0.15,
  pForget: 0,
  pGuess: 0.2,
  pSlip: 0.1,
});

/**
 * A whole BKT model as JSON: what `fitBkt` (from `@pacekit/core/fit`) returns and {@link createBkt} reads. It is
 * versioned (`schemaVersion`) so saved models keep loading as Pacekit evolves.
 */
export const BktModelSchema = z.object({
  kind: z.literal('bkt'),
  schemaVersion: z.literal(1),
  variant: z._default(BktVariantSchema, {
    forgets: false,
    itemGuessSlip: false,
    itemLearn: false,
    classPrior: false,
  }),
  defaultParams: z._default(BktSkillParamsSchema, { ...DEFAULT_BKT_PARAMS }),
  skills: z.record(id, z.extend(BktSkillParamsSchema, { fit: z.optional(BktSkillFitSchema) })),
  /**
   * The learner-level part, when the model was fitted with `individualize: true`: learner types
   * and the response layer (see {@link IndividualModelSchema}). Without it, every learner shares
   * each skill's parameters.
   */
  individual: z.optional(IndividualModelSchema),
  fit: z.optional(
    z.object({
      logLikelihood: z.number(),
      responses: z.int().check(z.gte(0)),
      restarts: z.int().check(z.gt(0)),
      seed: z.int(),
      /**
       * Skills whose fitted parameters are degenerate (see `checkSkillParams`): a product should
       * look at them before pacing with them.
       */
      health: z.optional(
        z.array(
          z.object({
            skillId: z.string(),
            problem: z.literal([
              'no-learning',
              'no-guess',
              'guess-at-bound',
              'slip-at-bound',
              'mastery-capped',
              'flat-predictions',
            ]),
            value: z.number(),
          }),
        ),
      ),
    }),
  ),
});

/** A BKT model as stored (see {@link BktModelSchema}). */
export interface BktModel extends z.output<typeof BktModelSchema> {}
/** A BKT model as accepted (defaults may be left out). */
export type BktModelInput = z.input<typeof BktModelSchema>;
