import type { Progress } from '@pacekit/core';
import type { CliIo } from './io';

/** A progress bar on standard error: redrawn on a terminal, a line per tenth in a log. */
export function progressBar(io: CliIo, label: string): (progress: Progress) => void {
  let lastTenth = -1;
  return ({ done, total }) => {
    const share = total > 0 ? done / total : 1;
    if (io.stderrIsTty) {
      const width = 28;
      const filled = Math.round(share * width);
      io.stderr(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) io.stderr('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      io.stderr(`${label}: ${done}/${total}\n`);
    }
  };
}
