import type { Progress } from '@pacekit/core';
import { type IrtCsv, parseIrtCsv } from '@pacekit/core/ability';
import type { CliIo } from './io';

/** Seconds as people read them: "8.2 s", "3 min 05 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** The CLI's clock (ms): the one `io` gives, else `performance.now`. */
const clockOf = (io: CliIo): (() => number) => io.now ?? (() => performance.now());

/**
 * A progress bar on standard error: redrawn on a terminal, a line per tenth in a log; each with
 * the time elapsed and, once some work is done, the time left at the pace so far.
 */
export function progressBar(io: CliIo, label: string): (progress: Progress) => void {
  const now = clockOf(io);
  const started = now();
  let lastTenth = -1;
  const timing = (done: number, total: number): string => {
    const elapsed = (now() - started) / 1000;
    if (done >= total || done === 0) return `, ${formatSeconds(elapsed)}`;
    return `, ${formatSeconds(elapsed)}, about ${formatSeconds((elapsed * (total - done)) / done)} left`;
  };
  return ({ done, total }) => {
    const share = total > 0 ? done / total : 1;
    if (io.stderrIsTty) {
      const width = 28;
      const filled = Math.round(share * width);
      io.stderr(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${timing(done, total)}\u001b[K`,
      );
      if (done === total) io.stderr('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      io.stderr(`${label}: ${done}/${total}${timing(done, total)}\n`);
    }
  };
}

/**
 * Reads an IRT response file with a line on standard error before (so something shows while a
 * large file is read) and after it (what was read, and how long it took).
 */
export async function readIrtFile(io: CliIo, path: string): Promise<IrtCsv> {
  const now = clockOf(io);
  const started = now();
  io.stderr(`Reading ${path}…\n`);
  const csv = parseIrtCsv(await io.readFile(path));
  const { itemIds, counts } = csv.matrix;
  const examinees = counts.reduce((sum, n) => sum + n, 0);
  io.stderr(
    `Read ${csv.layout === 'wide' ? `${csv.rowIds.length} rows (${examinees} examinees)` : `${examinees} examinees`} × ${itemIds.length} items from ${path}, ${formatSeconds((now() - started) / 1000)}\n`,
  );
  return csv;
}
