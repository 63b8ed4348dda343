import {
  type BktModelInput,
  type Catalog,
  createBkt,
  createCatalog,
  createLearnerModel,
  createSkillGraph,
  DEFAULT_MASTERY_THRESHOLD,
  describeValue,
  getOwn,
  type ItemInput,
  type LearnerModel,
  type LearnerState,
  PacekitError,
  parseInput,
  probability,
  type SkillGraph,
  type SkillInput,
} from '@pacekit/core';
import * as z from 'zod/mini';
import { createGrader, GraderOptionsSchema } from './memory/grader';
import {
  createMemoryPlugin,
  ImplicitRepetitionSchema,
  type MemoryState,
  memoryOf,
} from './memory/memoryPlugin';
import { createScheduler, type Scheduler, SchedulerOptionsSchema } from './memory/scheduler';
import {
  type GoalPlan,
  type GoalPlanOptions,
  planGoal,
  planSession,
  type SessionPlan,
  type SessionPlanOptions,
} from './plans/plans';
import { checkPacingModel, type ModelWarning } from './policy/modelGuard';
import { type Recommendation, recommend } from './policy/next';
import { type NextOptions, PolicyTuningSchema } from './policy/options';
import { createPacePlugin } from './policy/pace';
import { createPickPlugin } from './policy/pick';
import { type DescribeOptions, describeReason, type Reason } from './policy/reasons';
import {
  createStrugglePlugin,
  needsHelp,
  type SkillStruggle,
  type StruggleOptions,
  StruggleOptionsSchema,
} from './policy/struggle';
import { createTeacherPlugin } from './policy/teacher';
import { predictItem } from './policy/view';

/** Options of {@link createPacer} besides the course itself. */
export const PacerOptionsSchema = z.object({
  /** P(L) from which a skill counts as mastered. */
  masteryThreshold: z._default(probability, DEFAULT_MASTERY_THRESHOLD),
  /** Evidence a correct answer after hints gives, in [0, 1] (default 0, as ASSISTments). */
  hintCredit: z._default(probability, 0),
  /** Spaced repetition: desired retention, maximum interval, personal FSRS weights. */
  memory: z._default(SchedulerOptionsSchema, {
    desiredRetention: 0.9,
    maximumIntervalDays: 36500,
    shortTerm: true,
  }),
  /** How attempts become recall ratings. */
  grader: z._default(GraderOptionsSchema, { slowFactor: 1.5, fastFactor: 0.5, items: {} }),
  /** Implicit repetition of prerequisites. */
  implicitRepetition: z._default(ImplicitRepetitionSchema, {
    enabled: true,
    minCredit: 0.05,
    flagWeight: 0.5,
    flagAfter: 2,
  }),
  /** When a learner counts as struggling, and how the policy escalates. */
  struggle: z.prefault(StruggleOptionsSchema, {}),
  /** What a course designer may tune in the policy (see `DEFAULT_POLICY_TUNING`). */
  policy: z.prefault(PolicyTuningSchema, {}),
  /**
   * What to do with BKT parameters that cannot pace (pLearn ≈ 0, pGuess or pSlip ≈ 0,
   * forgetting that caps P(L) below the threshold): `repair` (default: move them to the nearest
   * sound value and warn, naming the skill), `strict` (throw `MODEL_UNFIT_FOR_PACING`) or `off`.
   */
  modelCheck: z._default(z.literal(['repair', 'strict', 'off']), 'repair'),
  /** Told each model warning (default: `console.warn`, once per pacer, listing them all). */
  onWarning: z.optional(z.custom<(warning: ModelWarning) => void>((f) => typeof f === 'function')),
});

/** What {@link createPacer} takes. */
export type PacerOptions = z.input<typeof PacerOptionsSchema> & {
  /** The course's skills (or a graph made with `createSkillGraph`). */
  skills: readonly SkillInput[] | SkillGraph;
  /** The course's items (or a catalogue made with `createCatalog`). */
  items: readonly ItemInput[] | Catalog;
  /**
   * A fitted BKT model (JSON from `fitBkt`, or hand-set parameters). Without one, every skill
   * paces with the course defaults `DEFAULT_BKT_PARAMS` (pInit 0.2, pLearn 0.15, pGuess 0.2,
   * pSlip 0.1) until you fit your own data.
   */
  bkt?: BktModelInput;
};

/** The model a pacer uses without a fitted one: every skill on `DEFAULT_BKT_PARAMS`. */
const COURSE_DEFAULTS: BktModelInput = { kind: 'bkt', schemaVersion: 1, skills: {} };

/**
 * A course with its pacing: folds a learner's events into their state (mastery and memory) and
 * says what they should do next, for how long, and why.
 */
export interface Pacer {
  /** The learner model: `initialState`, `apply`, `replay`, `mastery`, `isMastered`, `predict`. */
  readonly learner: LearnerModel;
  /** The skill graph. */
  readonly graph: SkillGraph;
  /** The catalogue. */
  readonly catalog: Catalog;
  /** The spaced-repetition scheduler of item cards (ts-fsrs). */
  readonly scheduler: Scheduler;
  /** The scheduler of skill cards: the same FSRS parameters, day-scale intervals only. */
  readonly skillScheduler: Scheduler;
  /** The learner's memory: FSRS cards per item and per skill. */
  memory(state: LearnerState): MemoryState;
  /**
   * P(success) on an item for this learner: the BKT prediction, shifted by the item's difficulty
   * and by the learner's pace offset (how far their answers have been from the model's); with
   * `at`, mastered skills count as recalled with their memory's retrievability then.
   */
  predict(state: LearnerState, itemId: string, at?: number): number;
  /** Probability the learner recalls an item at `at` (0 if never practised). */
  retrievability(state: LearnerState, itemId: string, at: number): number;
  /** Ranked recommendations with reasons (see `recommend` for the rules). */
  next(state: LearnerState, options: NextOptions): Recommendation[];
  /** A plan for a session of `minutes`. */
  sessionPlan(state: LearnerState, options: SessionPlanOptions): SessionPlan;
  /** A day-by-day plan to reach a goal by its deadline. */
  goalPlan(state: LearnerState, options: GoalPlanOptions): GoalPlan;
  /** A reason in words, with the course's skill names (see `describeReason`). */
  describe(reason: Reason, options?: Omit<DescribeOptions, 'skillName'>): string;
  /** Skills on which the learner is flagged as needing a person's help (the struggle state). */
  needsHelp(state: LearnerState): SkillStruggle[];
  /** When a learner counts as struggling, as the learner model folds it. */
  readonly struggleOptions: StruggleOptions;
  /** What the model check found in the BKT parameters (empty when they are sound, or with `modelCheck: 'off'`). */
  readonly modelWarnings: readonly ModelWarning[];
}

/**
 * Creates a {@link Pacer} for a course: its skills, items and BKT model. Everything is
 * validated here; a bad skill, item or option throws a `PacekitError` naming it.
 *
 * @example
 * ```ts
 * const pacer = createPacer({ skills, items, bkt: model });
 * let state = pacer.learner.initialState('ada');
 * state = pacer.learner.apply(state, parseEvent({ type: 'attempt', id: 'e1', learnerId: 'ada', at: now, itemId: 'q1', correct: true }));
 * const [first] = pacer.next(state, { now });
 * first.reasons.map(describeReason);
 * ```
 */
export function createPacer(options: PacerOptions): Pacer {
  for (const field of ['skills', 'items'] as const) {
    const value: unknown = options?.[field];
    if (typeof value !== 'object' || value === null)
      throw new PacekitError(
        'INVALID_INPUT',
        `Invalid createPacer options: "${field}" is required: the course's ${field} (got ${describeValue(value)})`,
        { issues: [{ path: field, message: 'is required' }] },
      );
  }
  const { skills, items, bkt = COURSE_DEFAULTS, ...rest } = options;
  const opts = parseInput(PacerOptionsSchema, rest, 'createPacer options');
  const graph = 'topologicalOrder' in skills ? skills : createSkillGraph(skills);
  const catalog = 'itemsForSkill' in items ? items : createCatalog(items, graph);
  const scheduler = createScheduler(opts.memory);
  // Skills are reviewed on the scale of days: FSRS's minute-scale learning steps are for cards.
  const skillScheduler = createScheduler({ ...opts.memory, shortTerm: false });
  const { model, warnings } =
    opts.modelCheck === 'off'
      ? { model: createBkt(bkt).model, warnings: [] as ModelWarning[] }
      : checkPacingModel(bkt, graph.topologicalOrder, {
          threshold: opts.masteryThreshold,
          mode: opts.modelCheck,
        });
  if (warnings.length > 0) {
    if (opts.onWarning) for (const w of warnings) opts.onWarning(w);
    else
      console.warn(
        `Pacekit: the BKT model was repaired for pacing:\n${warnings.map((w) => `  ${w.message}`).join('\n')}`,
      );
  }
  const onlineBkt = createBkt(model);
  const plugin = createMemoryPlugin({
    scheduler,
    skillScheduler,
    grader: createGrader(opts.grader),
    implicit: opts.implicitRepetition,
  });
  const learner = createLearnerModel({
    bkt: onlineBkt,
    graph,
    catalog,
    masteryThreshold: opts.masteryThreshold,
    hintCredit: opts.hintCredit,
    // What the plugins fold depends on (memory, grader, implicit repetition, struggle).
    fingerprint: JSON.stringify(opts),
    plugins: [
      // Pace first: it reads the memory cards as they were before the response. An
      // individualized model follows the learner's pace itself (LearnerState.pace).
      ...(onlineBkt.individual ? [] : [createPacePlugin(onlineBkt, skillScheduler) as never]),
      plugin as never,
      createStrugglePlugin(opts.struggle, (state, skillId) => isMastered(state, skillId)) as never,
      createPickPlugin() as never,
      createTeacherPlugin(catalog) as never,
    ],
  });
  // The struggle fold asks the learner model (created just above) whether a skill is mastered.
  const isMastered = (state: LearnerState, skillId: string): boolean => learner.isMastered(state, skillId);
  const context = { learner, scheduler: skillScheduler, tuning: opts.policy, struggle: opts.struggle };
  const skillName = (id: string): string => (graph.has(id) ? (graph.get(id).name ?? id) : id);
  return {
    learner,
    graph,
    catalog,
    scheduler,
    skillScheduler,
    memory: memoryOf,
    predict: (state, itemId, at) => predictItem(learner, state, catalog.get(itemId), at, skillScheduler),
    retrievability: (state, itemId, at) => {
      const card = getOwn(memoryOf(state).items, itemId);
      return card ? scheduler.retrievability(card, at) : 0;
    },
    next: (state, nextOptions) => recommend(context, state, nextOptions),
    sessionPlan: (state, planOptions) => planSession(context, state, planOptions),
    goalPlan: (state, planOptions) => planGoal(context, state, planOptions),
    describe: (reason, describeOptions) => describeReason(reason, { ...describeOptions, skillName }),
    needsHelp,
    modelWarnings: warnings,
    struggleOptions: opts.struggle,
  };
}
