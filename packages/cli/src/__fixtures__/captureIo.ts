import { readFile, writeFile } from 'node:fs/promises';
import type { CliIo } from '../index';
import { checkWritable } from '../io';

/** A CliIo that records what the CLI prints, for tests (real file system, captured streams). */
export function captureIo(extra: Partial<CliIo> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stderrIsTty: false,
    readFile: (path: string) => readFile(path, 'utf8'),
    writeFile: (path: string, text: string) => writeFile(path, text, 'utf8'),
    checkWritable,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    ...extra,
  };
  return io;
}
