export { COURSES, chainCourse, layeredCourse, type SimCourse, wideCourse } from './courses';
export { type FollowOptions, followPacer } from './follow';
export {
  createPopulation,
  knows,
  type PopulationOptions,
  practise,
  recall,
  recallProbability,
  type SimulatedLearner,
} from './learners';
export {
  fixedOrderPolicy,
  leitnerPolicy,
  type PolicyContext,
  pacekitPolicy,
  randomPolicy,
  type SimChoice,
  type SimPolicy,
} from './policies';
export {
  comparePaired,
  type KindCalibration,
  type LearnerOutcome,
  type PairedComparison,
  type SimulationOptions,
  type SimulationReport,
  simulate,
} from './simulate';
export { abilityTruth, bktFsrsTruth, GROUND_TRUTHS, type GroundTruth, givingUp, stagedTruth } from './truths';
