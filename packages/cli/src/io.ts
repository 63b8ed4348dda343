import { readFile, writeFile } from 'node:fs/promises';

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
  };
}
