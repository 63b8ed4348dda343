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
  type LearnerOutcome,
  type PolicyContext,
  pacekitPolicy,
  randomPolicy,
  type SimPolicy,
  type SimulationOptions,
  type SimulationReport,
  simulate,
} from './simulate';
