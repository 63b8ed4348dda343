export {
  type CrossValidateOptions,
  CrossValidateOptionsSchema,
  type CrossValidation,
  crossValidateBkt,
  kFoldByLearner,
} from './crossValidate';
export {
  accuracy,
  auc,
  type CalibrationBin,
  calibration,
  logLoss,
  type Metrics,
  rmse,
  scorePredictions,
} from './metrics';
