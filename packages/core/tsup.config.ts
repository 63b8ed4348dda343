import { libraryConfig } from '../tsup.base';

export default libraryConfig({
  index: 'src/index.ts',
  fit: 'src/fit/index.ts',
  ability: 'src/ability/index.ts',
  xapi: 'src/xapi/index.ts',
  browser: 'src/browser/index.ts',
  sql: 'src/sql/index.ts',
  node: 'src/node/index.ts',
  // The worker fitBktParallel starts, beside node.js / node.cjs (not an export of its own).
  fitWorker: 'src/node/fitWorker.ts',
  // The module a Web Worker runs for fitBktInWorkers: the export "./fit-worker".
  'fit-worker': 'src/fit/worker.ts',
});
