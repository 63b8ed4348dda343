export {
  type CsvIssue,
  type CsvOptions,
  CsvOptionsSchema,
  type CsvResult,
  createResponsesCsvParser,
  DEFAULT_COLUMN_NAMES,
  forEachCsvRecord,
  parseResponsesCsv,
  type ResponseColumns,
  ResponseColumnsSchema,
  type ResponsesCsvParser,
} from './csv';
export {
  createResponseTable,
  type ResponseRow,
  ResponseRowSchema,
  type ResponseTable,
  selectLearners,
} from './responseTable';
