export type { CliIo } from './io';
export { processIo } from './io';
export { runCli } from './runCli';
