export { createPacer, type Pacer, type PacerOptions, PacerOptionsSchema } from './createPacer';
export {
  createGrader,
  DEFAULT_FAST_FACTOR,
  DEFAULT_SLOW_FACTOR,
  type Grader,
  type GraderOptions,
  GraderOptionsSchema,
} from './memory/grader';
export {
  createMemoryPlugin,
  encompassedCredit,
  type ImplicitRepetitionOptions,
  ImplicitRepetitionSchema,
  MEMORY_KEY,
  type MemoryPluginOptions,
  type MemoryState,
  MemoryStateSchema,
  memoryOf,
  type SkillMemory,
  SkillMemorySchema,
} from './memory/memoryPlugin';
export {
  createScheduler,
  DEFAULT_DESIRED_RETENTION,
  MEMORY_STATES,
  type MemoryCard,
  MemoryCardSchema,
  type RecallRating,
  type Scheduler,
  type SchedulerOptions,
  SchedulerOptionsSchema,
} from './memory/scheduler';
export * from './optimizer';
export {
  type GoalPlan,
  type GoalPlanDay,
  type GoalPlanOptions,
  GoalPlanOptionsSchema,
  type SessionPlan,
  type SessionPlanOptions,
  SessionPlanOptionsSchema,
  type SessionStep,
} from './plans/plans';
export {
  DEFAULT_TARGET_SUCCESS,
  type NextOptions,
  NextOptionsSchema,
  POLICY_WEIGHTS,
  type PolicyContext,
  type Recommendation,
  recommend,
} from './policy/next';
export { describeReason, type Reason, type ReasonCode } from './policy/reasons';
export { selectNextActivity, selectSessionPlan } from './selections';
