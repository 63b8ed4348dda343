export { type Bkt, createBkt } from './createBkt';
export {
  DEFAULT_MAX_GUESS_SLIP,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_RESTARTS,
  DEFAULT_TOLERANCE,
  type FitBktOptions,
  FitBktOptionsSchema,
  fitBkt,
} from './fitBkt';
export { bktPosterior, bktPredict, bktTransition } from './math';
export {
  type BktItemParams,
  BktItemParamsSchema,
  type BktModel,
  type BktModelInput,
  BktModelSchema,
  type BktSkillParams,
  BktSkillParamsSchema,
  DEFAULT_BKT_PARAMS,
} from './params';
export { estimateMastery, type MasteryColumns, predictResponses } from './predictTable';
