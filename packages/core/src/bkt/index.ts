export { type Bkt, createBkt } from './createBkt';
export { checkSkillParams, type SkillHealthIssue } from './health';
export {
  type IndividualModel,
  IndividualModelSchema,
  type Pace,
  PaceSchema,
  RESPONSE_FEATURES,
} from './individual';
export { bktMasteryCeiling, bktPosterior, bktPredict, bktTransition, logit, sigmoid } from './math';
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
