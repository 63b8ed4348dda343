import { PacekitError } from '@pacekit/core';
import { calibrateCommand, calibrateUsage } from './commands/calibrate';
import { evaluateCommand, evaluateUsage } from './commands/evaluate';
import { fitCommand, fitUsage } from './commands/fit';
import { scoreCommand, scoreUsage } from './commands/score';
import type { CliIo } from './io';
import { COLUMN_FLAGS, UsageError } from './options';

const usage = `pacekit — learner models from the command line

Commands:
  pacekit fit <train.csv> [options]             fit Bayesian Knowledge Tracing
  pacekit evaluate <model.json> <test.csv>      score a model on held-out responses
  pacekit calibrate <responses.csv> --model 2pl calibrate IRT item parameters
  pacekit score <bank.json> <responses.csv>     EAP ability and standard error per examinee

Run "pacekit <command> --help" for a command's options; "pacekit --version" for the version.`;

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
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${io.version ?? 'unknown'}\n`);
    return 0;
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
      io.stderr(`pacekit ${name}: ${inFlags(error.message)}\n`);
      return 1;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.stderr(`pacekit ${name}: ${(error as Error).message}\n`);
      return 1;
    }
    // parseArgs reports unknown or malformed flags with these codes.
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`pacekit ${name}: ${parseArgsProblem(code, (error as Error).message, command.usage)}\n`);
      io.stderr(`Run "pacekit ${name} --help" for its options.\n`);
      return 2;
    }
    throw error;
  }
}

/** The flag that sets a library column option (`learnerClass` → `--class`), if any. */
const flagOf = (key: string): string | undefined =>
  Object.hasOwn(COLUMN_FLAGS, key) ? `--${COLUMN_FLAGS[key as keyof typeof COLUMN_FLAGS]}` : undefined;

/** A library message that names a column option (`columns.learner`) named by its flag instead. */
function inFlags(message: string): string {
  return message
    .replace(/map one with columns\.(\w+)/, (all, key: string) =>
      flagOf(key) ? `name it with ${flagOf(key)} "Column name"` : all,
    )
    .replace(/\(mapped as (\w+)\)/, (all, key: string) =>
      flagOf(key) ? `(given with ${flagOf(key)})` : all,
    );
}

/** Edit distance between two short strings. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/** What `parseArgs` objected to, in the CLI's words, with the likeliest flag meant. */
function parseArgsProblem(code: string, message: string, commandUsage: string): string {
  const given = /'([^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flags = [...new Set(commandUsage.match(/--[a-z][a-z-]*/g) ?? [])];
    const closest = flags.map((flag) => ({ flag, d: distance(given, flag) })).sort((a, b) => a.d - b.d)[0];
    return `unknown option ${given}${closest && closest.d <= 2 ? ` (did you mean ${closest.flag}?)` : ''}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return /argument missing/.test(message) ? `${given} needs a value` : `${given} takes no value`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument "${given}"`;
  return message;
}
