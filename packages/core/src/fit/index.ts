// @pacekit/core/fit — fitting and evaluating learner models on response data: what data
// teams and the CLI use, kept out of the main entry so that apps' bundles stay small.
export {
  DEFAULT_MAX_GUESS_SLIP,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_RESTARTS,
  DEFAULT_TOLERANCE,
  type FitBktOptions,
  FitBktOptionsSchema,
  fitBkt,
} from '../bkt/fitBkt';
export { estimateMastery, type MasteryColumns, predictResponses } from '../bkt/predictTable';
export * from '../data';
export * from '../evaluation';
export { type FitBktInWorkersOptions, type FitWorker, fitBktInWorkers } from './inWorkers';
