import { readFileSync } from 'node:fs';
import { access, constants, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './options';

/** What the CLI reads and writes, so tests can run it without touching the process. */
export interface CliIo {
  /** Standard output. */
  stdout: (text: string) => void;
  /** Standard error (progress, warnings, errors). */
  stderr: (text: string) => void;
  /** Whether standard error is a terminal (a redrawn progress bar) or a log (one line). */
  stderrIsTty: boolean;
  /** Reads a UTF-8 file. */
  readFile: (path: string) => Promise<string>;
  /** Writes a UTF-8 file. */
  writeFile: (path: string, text: string) => Promise<void>;
  /** Aborts long work (reading, fitting) when the user cancels (Ctrl-C). */
  signal?: AbortSignal;
  /** The clock progress reports elapsed time and the time left with (ms; default `performance.now`). */
  now?: () => number;
  /** The version `pacekit --version` prints. */
  version?: string;
  /**
   * Checks, before any work, that `--out` can be written: rejects with a message naming the path
   * when it is a folder or its folder is missing or read-only (default: no check).
   */
  checkWritable?: (path: string) => Promise<void>;
}

/** Rejects with a usage error when `path` cannot be written: a folder, or a missing or read-only folder. */
export async function checkWritable(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) throw new UsageError(`--out ${path} is a folder, not a file`);
  const folder = dirname(resolve(path));
  try {
    await access(info ? path : folder, constants.W_OK);
  } catch {
    throw new UsageError(
      info
        ? `--out ${path} cannot be written (no permission)`
        : `--out ${path}: the folder ${folder} does not exist or cannot be written`,
    );
  }
}

/** This package's version, from its package.json. */
function packageVersion(): string {
  const json = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(json) as { version: string }).version;
}

/** The real process's streams and file system; Ctrl-C cancels (a second one exits at once). */
export function processIo(): CliIo {
  const cancel = new AbortController();
  process.once('SIGINT', () => {
    cancel.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return {
    signal: cancel.signal,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
    version: packageVersion(),
    checkWritable,
  };
}
