import { PacekitError } from '@pacekit/core';
import { calibrateCommand, calibrateUsage } from './commands/calibrate';
import { evaluateCommand, evaluateUsage } from './commands/evaluate';
import { fitCommand, fitUsage } from './commands/fit';
import { scoreCommand, scoreUsage } from './commands/score';
import type { CliIo } from './io';
import { UsageError } from './options';

const usage = `pacekit — learner models from the command line

Commands:
  pacekit fit <train.csv> [options]             fit Bayesian Knowledge Tracing
  pacekit evaluate <model.json> <test.csv>      score a model on held-out responses
  pacekit calibrate <responses.csv> --model 2pl calibrate IRT item parameters
  pacekit score <bank.json> <responses.csv>     EAP ability and standard error per examinee

Run "pacekit <command> --help" for a command's options.`;

const commands: Record<string, { run: (args: string[], io: CliIo) => Promise<number>; usage: string }> = {
  fit: { run: fitCommand, usage: fitUsage },
  evaluate: { run: evaluateCommand, usage: evaluateUsage },
  calibrate: { run: calibrateCommand, usage: calibrateUsage },
  score: { run: scoreCommand, usage: scoreUsage },
};

/**
 * Runs the `pacekit` command line with `argv` (without the node and script paths) and returns
 * the exit code: 0 on success, 1 when the input is bad (the message names the file, line,
 * column or field), 2 when the command line itself is wrong, 130 when cancelled (`io.signal`).
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`pacekit: unknown command "${name}"\n\n${usage}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`pacekit ${name}: ${error.message}\n`);
      return 2;
    }
    if (error instanceof PacekitError && error.code === 'ABORTED') {
      io.stderr(`pacekit ${name}: cancelled\n`);
      return 130;
    }
    if (error instanceof PacekitError) {
      io.stderr(`pacekit ${name}: ${error.message}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.stderr(`pacekit ${name}: ${(error as Error).message}\n`);
      return 1;
    }
    // parseArgs reports unknown or malformed flags with these codes.
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`pacekit ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}
