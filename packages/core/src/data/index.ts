export {
  type CsvIssue,
  type CsvOptions,
  CsvOptionsSchema,
  type CsvResult,
  DEFAULT_COLUMN_NAMES,
  forEachCsvRecord,
  parseResponsesCsv,
  type ResponseColumns,
  ResponseColumnsSchema,
} from './csv';
export {
  createResponseTable,
  type ResponseRow,
  ResponseRowSchema,
  type ResponseTable,
  selectLearners,
} from './responseTable';
