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
export type { ModelWarning } from './policy/modelGuard';
export { type PolicyRule, type Recommendation, recommend } from './policy/next';
export {
  DEFAULT_POLICY_TUNING,
  DEFAULT_TARGET_SUCCESS,
  type NextOptions,
  NextOptionsSchema,
  type PolicyTuning,
  type PolicyTuningInput,
  PolicyTuningSchema,
} from './policy/options';
export { PICK_KEY, type PickState, pickOf } from './policy/pick';
export { type DescribeOptions, describeReason, type Reason, type ReasonCode } from './policy/reasons';
export {
  DEFAULT_STRUGGLE_OPTIONS,
  needsHelp,
  type SessionTrack,
  type SkillStruggle,
  STRUGGLE_KEY,
  type StruggleOptions,
  StruggleOptionsSchema,
  type StruggleState,
  struggleOf,
} from './policy/struggle';
export {
  MAX_NOTES,
  pinActive,
  TEACHER_KEY,
  type TeacherNote,
  type TeacherPin,
  type TeacherState,
  teacherOf,
} from './policy/teacher';
export type { ActivityKind, Candidate, PolicyContext, PolicyView } from './policy/view';
export { selectGoalPlan, selectNextActivity, selectSessionPlan } from './selections';
