import * as z from 'zod/mini';
import { createYielder, longWorkFields } from '../async';
import type { ResponseTable } from '../data';
import { PacekitError } from '../errors';
import { id, parseInput, probability } from '../validation';
import { createEmScratch, type EmParams } from './em';
import { fitIndividual } from './fitIndividual';
import { checkSkillParams } from './health';
import type { IndividualModel } from './individual';
import { type BktModel, DEFAULT_BKT_PARAMS } from './params';
import { buildSkillSequences, type SkillSequences } from './sequences';
import {
  collectSkills,
  type FittedSkill,
  type FittedSkills,
  fitSkill,
  longestSequence,
  type SkillFitOptions,
} from './skillFit';

const FixedParamsSchema = z.object({
  pInit: z.optional(probability),
  pLearn: z.optional(probability),
  pForget: z.optional(probability),
  pGuess: z.optional(probability),
  pSlip: z.optional(probability),
});

/** Default number of random restarts per skill (as pyBKT's `num_fits`). */
export const DEFAULT_RESTARTS = 5;
/** Default EM iteration cap per restart (pyBKT's). */
export const DEFAULT_MAX_ITERATIONS = 100;
/** Default convergence tolerance: absolute change of a skill's log-likelihood (pyBKT's). */
export const DEFAULT_TOLERANCE = 0.005;
/** Default upper bound of P(G) and P(S), which keeps "known" and "unknown" identifiable. */
export const DEFAULT_MAX_GUESS_SLIP = 0.5;

/** Default number of learner types when individualizing. */
export const DEFAULT_LEARNER_TYPES = 8;

/** Options of {@link fitBkt}. */
export const FitBktOptionsSchema = z.object({
  /** Fit P(F), forgetting (pyBKT's `forgets`). Default false: standard BKT, P(F) = 0. */
  forgets: z._default(z.boolean(), false),
  /** Fit guess and slip per item (KT-IDEM; needs item ids). */
  itemGuessSlip: z._default(z.boolean(), false),
  /** Fit the learn rate per item (pyBKT's `multilearn`; needs item ids). */
  itemLearn: z._default(z.boolean(), false),
  /** Fit the prior per learner class (pyBKT's `multiprior`; needs learner classes). */
  classPrior: z._default(z.boolean(), false),
  /** Random restarts per skill; the one with the best log-likelihood is kept. */
  restarts: z._default(z.int().check(z.gte(1), z.lte(1000)), DEFAULT_RESTARTS),
  /** Seed of the restarts: the same data, options and seed give the same model. */
  seed: z._default(z.int(), 0),
  /** E-steps per restart at most. */
  maxIterations: z._default(z.int().check(z.gte(1)), DEFAULT_MAX_ITERATIONS),
  /** A restart stops when its log-likelihood improves by at most this (absolute, as pyBKT). */
  tolerance: z._default(z.number().check(z.gt(0)), DEFAULT_TOLERANCE),
  /**
   * Accelerate EM with SQUAREM (default true): on the ASSISTments split, 39% fewer E-steps (46%
   * with `forgets`) and a higher log-likelihood, since plain EM stops on pyBKT's absolute
   * tolerance before it has converged; a step is kept only if the log-likelihood does not fall.
   * False: plain EM, step for step as pyBKT.
   */
  accelerate: z._default(z.boolean(), true),
  /** P(G) stays strictly below this. */
  maxGuess: z._default(z.number().check(z.gt(0), z.lte(1)), DEFAULT_MAX_GUESS_SLIP),
  /** P(S) stays strictly below this. */
  maxSlip: z._default(z.number().check(z.gt(0), z.lte(1)), DEFAULT_MAX_GUESS_SLIP),
  /** Parameters held fixed, by skill id; the key `'*'` applies to every skill. */
  fixed: z._default(z.record(id, FixedParamsSchema), {}),
  /**
   * Fit the learner's own pace too: learner types (BKT parameters per type of learner, by hard
   * EM over the training learners) and a response layer (ability, recent performance), both
   * followed online from each learner's own answers. See the model guide in docs/.
   */
  individualize: z._default(z.boolean(), false),
  /** Learner types when individualizing (default 5). */
  learnerTypes: z._default(z.int().check(z.gte(2), z.lte(16)), DEFAULT_LEARNER_TYPES),
  /** Fit only these skills (default: every skill in the table). */
  skills: z.optional(z.array(z.string())),
  ...longWorkFields,
});

/** Options of {@link fitBkt} after defaults. @internal */
export type FitBktOutput = z.output<typeof FitBktOptionsSchema>;

/** Options of {@link fitBkt} (all optional). */
export type FitBktOptions = z.input<typeof FitBktOptionsSchema>;

/**
 * Fits a Bayesian Knowledge Tracing model to responses by expectation–maximisation
 * (Baum–Welch), skill by skill, from `restarts` seeded random starts, keeping the start with
 * the best log-likelihood — the procedure of pyBKT, with its variants: forgetting, per-item
 * guess/slip (KT-IDEM), per-item learn rates and per-class priors. Guess and slip stay below
 * `maxGuess`/`maxSlip` (0.5), so the fitted "known" state is the one that answers better.
 *
 * The work runs on the calling thread in slices, yielding to the event loop between them so
 * `onProgress` (called after each skill) can render and `signal` can cancel.
 *
 * @example
 * ```ts
 * const { table } = parseResponsesCsv(csvText);
 * const model = await fitBkt(table, { forgets: true, onProgress: (p) => console.log(p.done, '/', p.total) });
 * const bkt = createBkt(model);
 * ```
 */
export async function fitBkt(table: ResponseTable, options: FitBktOptions = {}): Promise<BktModel> {
  return fitBktWith(table, parseInput(FitBktOptionsSchema, options, 'fitBkt options'), fitSkills);
}

/** Fits every skill of `sequences` (as {@link fitSkills}, here or on other threads). @internal */
export type SkillsFitter = (
  table: ResponseTable,
  sequences: SkillSequences[],
  opts: SkillFitOptions,
  yieldTurn: () => Promise<void>,
  onSkill?: (done: number, total: number, skillId: string) => void,
) => Promise<FittedSkills>;

/** {@link fitBkt} with parsed options, fitting the skills with `fitter`. @internal */
export async function fitBktWith(
  table: ResponseTable,
  opts: FitBktOutput,
  fitter: SkillsFitter,
): Promise<BktModel> {
  if (table.length === 0) throw new PacekitError('NOT_ENOUGH_DATA', 'fitBkt: the response table is empty');
  if ((opts.itemGuessSlip || opts.itemLearn) && table.itemIds.length === 0) {
    throw new PacekitError(
      'INVALID_INPUT',
      'fitBkt: itemGuessSlip/itemLearn need item ids, and the table has none',
    );
  }
  if (opts.classPrior && table.classIds.length === 0) {
    throw new PacekitError(
      'INVALID_INPUT',
      'fitBkt: classPrior needs learner classes, and the table has none',
    );
  }
  const wanted = opts.skills ? new Set(opts.skills) : undefined;
  const sequences = buildSkillSequences(table, {
    items: opts.itemGuessSlip || opts.itemLearn,
    classes: opts.classPrior,
  }).filter((seq) => !wanted || wanted.has(table.skillIds[seq.skill]!));
  if (wanted) {
    for (const id of wanted) {
      if (!table.skillIds.includes(id)) {
        throw new PacekitError('UNKNOWN_SKILL', `fitBkt: skill "${id}" has no responses in the table`, {
          skillId: id,
        });
      }
    }
  }

  const yieldTurn = createYielder(opts.signal);
  const fitted = await fitter(table, sequences, opts, yieldTurn, (done, total, skillId) =>
    opts.onProgress?.({ phase: 'fit', done, total, unit: skillId }),
  );
  let individual: IndividualModel | undefined;
  if (opts.individualize) {
    individual = await fitIndividual(table, fitted.skills, opts, yieldTurn, (phase, done, total) =>
      opts.onProgress?.({ phase, done, total }),
    );
  }
  const { skills, totalLl, totalResponses } = fitted;
  return {
    kind: 'bkt',
    schemaVersion: 1,
    variant: {
      forgets: opts.forgets,
      itemGuessSlip: opts.itemGuessSlip,
      itemLearn: opts.itemLearn,
      classPrior: opts.classPrior,
    },
    defaultParams: { ...DEFAULT_BKT_PARAMS },
    skills,
    ...(individual ? { individual } : {}),
    fit: {
      logLikelihood: totalLl,
      responses: totalResponses,
      restarts: opts.restarts,
      seed: opts.seed,
      health: Object.entries(skills).flatMap(([skillId, p]) =>
        checkSkillParams(skillId, p, { maxGuess: opts.maxGuess, maxSlip: opts.maxSlip }),
      ),
    },
  };
}

/**
 * Fits every skill of `sequences` on this thread, one after another (or, with `start`, from the
 * given parameters only). @internal
 */
export async function fitSkills(
  table: ResponseTable,
  sequences: SkillSequences[],
  opts: SkillFitOptions,
  yieldTurn: () => Promise<void>,
  onSkill?: (done: number, total: number, skillId: string) => void,
  start?: (skillId: string, seq: SkillSequences) => EmParams | undefined,
): Promise<FittedSkills> {
  const scratch = createEmScratch(longestSequence(sequences));
  const fitted: FittedSkill[] = [];
  for (const seq of sequences) {
    const skill = await fitSkill(
      table,
      seq,
      opts,
      scratch,
      yieldTurn,
      start?.(table.skillIds[seq.skill]!, seq),
    );
    fitted.push(skill);
    onSkill?.(fitted.length, sequences.length, skill.skillId);
  }
  return collectSkills(fitted);
}
