export {
  type MasteryStatementOptions,
  masteryStatements,
  parseIsoDuration,
  type RejectedStatement,
  statementsToEvents,
  XAPI_VERBS,
  type XapiAgent,
  type XapiImport,
  type XapiMapping,
  type XapiStatement,
} from './xapi';
