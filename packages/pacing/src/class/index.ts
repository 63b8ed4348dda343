export { describeClassReason } from './describeClassReason';
export { type ClassEventInput, forClass } from './forClass';
export {
  type ClassGroup,
  type ClassLearner,
  type ClassReason,
  type ClassSummary,
  type ClassSummaryOptions,
  ClassSummaryOptionsSchema,
  type LearnerStatus,
  type MasteryCell,
  type OneOnOne,
  summarizeClass,
} from './summarizeClass';
