import { type CliIo, processIo } from '../index';

/** A CliIo that records what the CLI prints, for tests (real file system, captured streams). */
export function captureIo(): CliIo & { out: string; err: string } {
  const io = {
    ...processIo(),
    out: '',
    err: '',
    stderrIsTty: false,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}
