// The learning-efficiency benchmark: simulated learners under every ground truth and graph shape,
// 30 days at 20 minutes a day and a post-test 30 days later, paced by Pacekit and by the
// baselines, the same learners under each (paired). Writes docs/simulation.svg.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPacer, type PacerOptions, type PolicyTuningInput } from '@pacekit/pacing';
import {
  COURSES,
  comparePaired,
  fixedOrderPolicy,
  GROUND_TRUTHS,
  leitnerPolicy,
  pacekitPolicy,
  type SimulationReport,
  simulate,
} from '@pacekit/pacing/sim';

/** The course's BKT model: the population's average learner (guess, slip and learn rate). */
export const BKT = {
  kind: 'bkt' as const,
  schemaVersion: 1 as const,
  skills: {},
  defaultParams: { pInit: 0.05, pLearn: 0.2, pGuess: 0.18, pSlip: 0.1, pForget: 0 },
};

/** One cell of the benchmark: a ground truth on a graph shape. */
export interface SimulationCell {
  truth: string;
  course: string;
  pacekit: SimulationReport;
  fixed: SimulationReport;
  leitner: SimulationReport;
}

/** Runs every ground truth on every graph shape under the three policies. */
export async function runSimulationCells(
  learners: number,
  tuning: PolicyTuningInput = {},
  pacerOptions: Partial<PacerOptions> = {},
): Promise<SimulationCell[]> {
  const cells: SimulationCell[] = [];
  for (const makeCourse of COURSES) {
    const course = makeCourse();
    // Items claim difficulties only where the truth's responses depend on them.
    const plain = course.items.map(({ difficulty: _difficulty, ...item }) => item);
    const pacers = [false, true].map((rated) =>
      createPacer({
        ...pacerOptions,
        skills: course.skills,
        items: rated ? course.items : plain,
        bkt: BKT,
        policy: tuning,
      }),
    );
    for (const truth of GROUND_TRUTHS) {
      const pacer = pacers[truth.itemDifficulty ? 1 : 0]!;
      const options = { pacer, truth, learners, days: 30, minutesPerDay: 20, postTestDelayDays: 30, seed: 1 };
      const [pacekit, fixed, leitner] = [
        await simulate({ ...options, policy: pacekitPolicy(pacer) }),
        await simulate({ ...options, policy: fixedOrderPolicy(pacer) }),
        await simulate({ ...options, policy: leitnerPolicy(pacer) }),
      ];
      cells.push({ truth: truth.name, course: course.name, pacekit, fixed, leitner });
    }
  }
  return cells;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** The markdown table of the cells, one row per ground truth × graph shape. */
export function simulationTable(cells: SimulationCell[]): string[] {
  const out = [
    '| ground truth | graph | paired minutes vs fixed | vs Leitner | learned everything (Pacekit / fixed / Leitner) | delayed post-test (P / F / L) | practice on known skills (P / F / L) | learners with a stuck day (P / F / L) | sessions quit per learner (P / F / L) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of cells) {
    const vsFixed = comparePaired(c.pacekit, c.fixed);
    const vsLeitner = comparePaired(c.pacekit, c.leitner);
    const three = (f: (r: SimulationReport) => string) => [c.pacekit, c.fixed, c.leitner].map(f).join(' / ');
    out.push(
      `| ${c.truth} | ${c.course} | ${vsFixed.medianRatio.toFixed(2)}× | ${vsLeitner.medianRatio.toFixed(2)}× | ${three((r) => pct(r.masteredShare))} | ${three((r) => pct(r.meanRetention))} | ${three((r) => pct(r.knownPracticeShare))} | ${three((r) => pct(r.stuckShare))} | ${three((r) => r.meanQuits.toFixed(2))} |`,
    );
  }
  return out;
}

/** Predicted against actual success per kind, over every cell. */
export function calibrationTable(cells: SimulationCell[]): string[] {
  const out = [
    '| ground truth | graph | ' +
      ['learn', 'challenge', 'remediate', 'review'].map((k) => `${k}: predicted / actual (n)`).join(' | ') +
      ' |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of cells) {
    const k = c.pacekit.calibration;
    out.push(
      `| ${c.truth} | ${c.course} | ${['learn', 'challenge', 'remediate', 'review']
        .map((kind) =>
          k[kind]
            ? `${k[kind]!.predicted.toFixed(2)} / ${k[kind]!.actual.toFixed(2)} (${k[kind]!.count})`
            : '–',
        )
        .join(' | ')} |`,
    );
  }
  return out;
}

function svg(cell: SimulationCell): string {
  const reports = [cell.pacekit, cell.fixed, cell.leitner];
  const W = 640;
  const H = 360;
  const pad = { left: 56, right: 200, top: 24, bottom: 44 };
  const days = reports[0]!.learnedByDay.length;
  const x = (d: number) => pad.left + ((W - pad.left - pad.right) * d) / days;
  const y = (share: number) => pad.top + (H - pad.top - pad.bottom) * (1 - share);
  const colors = ['#1b6ac9', '#d9480f', '#868e96'];
  const names = ['Pacekit', 'Fixed, 3 in a row', 'Fixed + Leitner'];
  const lines = reports.map((r, k) => {
    const points = [
      `${x(0)},${y(0)}`,
      ...r.learnedByDay.map((v, d) => `${x(d + 1).toFixed(1)},${y(v).toFixed(1)}`),
    ].join(' ');
    return `<polyline fill="none" stroke="${colors[k]}" stroke-width="2.5" points="${points}"/><text x="${W - pad.right + 10}" y="${pad.top + 20 + k * 22}" fill="${colors[k]}" font-size="13">${names[k]}</text>`;
  });
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (v) =>
      `<line x1="${pad.left}" x2="${W - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#e9ecef"/><text x="${pad.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v * 100}%</text>`,
  );
  const ticks = [0, 5, 10, 15, 20, 25, 30]
    .filter((d) => d <= days)
    .map(
      (d) => `<text x="${x(d)}" y="${H - pad.bottom + 18}" text-anchor="middle" font-size="11">${d}</text>`,
    );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="system-ui, sans-serif" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="#fff"/>
${grid.join('\n')}
${ticks.join('\n')}
<text x="${(pad.left + W - pad.right) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">day (${cell.truth}, ${cell.course})</text>
<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" font-size="12">skills learned (mean)</text>
${lines.join('\n')}
</svg>
`;
}

/** Runs the benchmark and returns the markdown for docs/benchmarks.md. */
export async function simulationBench(learners = 500): Promise<string[]> {
  const t = performance.now();
  const cells = await runSimulationCells(learners);
  const seconds = (performance.now() - t) / 1000;
  const main = cells.find((c) => c.truth === 'BKT + FSRS' && c.course === 'Layered') ?? cells[0]!;
  writeFileSync(fileURLToPath(new URL('../../../docs/simulation.svg', import.meta.url)), svg(main));
  return [
    '',
    `### Learning efficiency: ${learners.toLocaleString('en')} simulated learners per cell, 30 days at 20 min/day, post-test 30 days later`,
    '',
    'Paired: the same learners under each policy; the ratio is the median over learners the baseline got through the course of Pacekit minutes ÷ baseline minutes (a learner Pacekit did not get through counts at all the minutes they practised).',
    '',
    ...simulationTable(cells),
    '',
    'Predicted against actual success by kind of activity (Pacekit):',
    '',
    ...calibrationTable(cells),
    '',
    `${cells.length} cells × 3 policies in ${seconds.toFixed(0)} s.`,
    '',
    '![Skills learned over time, BKT + FSRS truth, layered graph](simulation.svg)',
  ];
}
