export {
  type AdaptiveTest,
  type AdaptiveTestOptions,
  createAdaptiveTest,
  type StopReason,
} from './adaptiveTest';
export {
  calibrateElo,
  createEloRatings,
  DEFAULT_ELO_ALPHA,
  DEFAULT_ELO_BETA,
  type EloAnswer,
  type EloRatings,
  EloRatingsSchema,
  eloPredict,
  eloUpdate,
} from './elo';
export {
  createGraphPlacement,
  type GraphPlacement,
  type GraphPlacementOptions,
  type PlacementResult,
} from './graphPlacement';
export {
  type CalibrateIrtOptions,
  CalibrateIrtOptionsSchema,
  calibrateIrt,
  createResponseMatrix,
  type IrtItem,
  IrtItemSchema,
  type ItemBank,
  ItemBankSchema,
  irtProbability,
  itemInformation,
  type ResponseMatrix,
  type ResponseMatrixRow,
  testInformation,
} from './irt';
export { gaussHermite, type Quadrature } from './quadrature';
export { type IrtCsv, parseIrtCsv } from './responsesCsv';
export { type AbilityEstimate, type AbilityOptions, estimateAbility, type ScoredResponse } from './scoring';
