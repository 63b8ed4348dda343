import { fileURLToPath } from 'node:url';
import { fitBkt } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';
import { describe, expect, it } from 'vitest';
import { createLearners, fractionsCourse } from './course';
import { followWeek } from './week';

describe('pnpm start: the struggling learner', () => {
  it('makes progress or is flagged needs-help every day, and is never served the same item twice in a row', async () => {
    const { table } = await readResponsesCsv(
      fileURLToPath(new URL('../data/assistments-sample.csv', import.meta.url)),
    );
    const { pacer } = fractionsCourse(await fitBkt(table, { seed: 0 }));
    expect(pacer.modelWarnings).toEqual([]);
    const { struggling } = createLearners();
    const days = followWeek(pacer, struggling, [], { start: Date.UTC(2026, 0, 5, 16) });
    let mastered = 0;
    let knowledge = 0;
    for (const day of days) {
      expect(day.tries).toBeGreaterThan(0);
      // Each day makes progress — a skill mastered, or a tenth of a skill more known (Σ P(L)) —
      // or tells a teacher the learner needs help.
      const progress = day.mastered > mastered || day.knowledge >= knowledge + 0.1;
      expect(progress || day.needsHelp.length > 0).toBe(true);
      mastered = day.mastered;
      knowledge = day.knowledge;
      // No day is one long loop of remediation.
      expect(day.kinds.remediate ?? 0).toBeLessThan(day.tries);
    }
  });
});
