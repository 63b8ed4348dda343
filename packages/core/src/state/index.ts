export {
  createLearnerModel,
  DEFAULT_MASTERY_THRESHOLD,
  type LearnerModel,
  type LearnerModelOptions,
  type LearnerModelPlugin,
  type LearnerPace,
  type LearnerPluginContext,
} from './learnerModel';
export {
  createLearnerState,
  type Goal,
  GoalSchema,
  type ItemState,
  ItemStateSchema,
  LEARNER_STATE_MIGRATIONS,
  LEARNER_STATE_VERSION,
  type LearnerState,
  type LearnerStateMigration,
  LearnerStateSchema,
  parseLearnerState,
  type SkillState,
  SkillStateSchema,
} from './learnerState';
