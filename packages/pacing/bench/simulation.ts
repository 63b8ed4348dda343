// The learning-efficiency benchmark: 1,000 simulated learners, a 40-skill graph, 30 days at
// 20 minutes a day, under Pacekit's policy and the two baselines; writes docs/simulation.svg.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPacer } from '@pacekit/pacing';
import {
  fixedOrderPolicy,
  pacekitPolicy,
  randomPolicy,
  type SimulationReport,
  simulate,
} from '@pacekit/pacing/sim';

/** Five strands of eight skills; each strand's skills build in order, each strand on the one before. */
function course() {
  const skills = Array.from({ length: 40 }, (_, i) => ({
    id: `s${i}`,
    prerequisites: [...(i % 8 > 0 ? [`s${i - 1}`] : []), ...(i >= 8 && i % 8 === 0 ? [`s${i - 8}`] : [])],
  }));
  const items = skills.flatMap((s) => [0, 1, 2, 3].map((k) => ({ id: `${s.id}-${k}`, skills: [s.id] })));
  return createPacer({
    skills,
    items,
    // The course's BKT model: the population's average learner (guess, slip and learn rate).
    bkt: {
      kind: 'bkt',
      schemaVersion: 1,
      skills: {},
      defaultParams: { pInit: 0.05, pLearn: 0.2, pGuess: 0.18, pSlip: 0.1, pForget: 0 },
    },
  });
}

function svg(reports: SimulationReport[]): string {
  const W = 640;
  const H = 360;
  const pad = { left: 56, right: 180, top: 24, bottom: 44 };
  const days = reports[0]!.learnedByDay.length;
  const x = (d: number) => pad.left + ((W - pad.left - pad.right) * d) / days;
  const y = (share: number) => pad.top + (H - pad.top - pad.bottom) * (1 - share);
  const colors = ['#1b6ac9', '#d9480f', '#868e96'];
  const lines = reports.map((r, k) => {
    const points = [
      `${x(0)},${y(0)}`,
      ...r.learnedByDay.map((v, d) => `${x(d + 1).toFixed(1)},${y(v).toFixed(1)}`),
    ].join(' ');
    return `<polyline fill="none" stroke="${colors[k]}" stroke-width="2.5" points="${points}"/><text x="${W - pad.right + 10}" y="${pad.top + 20 + k * 22}" fill="${colors[k]}" font-size="13">${r.policy}</text>`;
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
<text x="${(pad.left + W - pad.right) / 2}" y="${H - 8}" text-anchor="middle" font-size="12">day</text>
<text x="14" y="${H / 2}" transform="rotate(-90 14 ${H / 2})" text-anchor="middle" font-size="12">skills learned (mean of 1,000 learners)</text>
${lines.join('\n')}
</svg>
`;
}

/** Runs the three policies and returns the markdown for docs/benchmarks.md. */
export async function simulationBench(learners = 1000): Promise<string[]> {
  const pacer = course();
  const reports: SimulationReport[] = [];
  const times: number[] = [];
  for (const policy of [pacekitPolicy(pacer), fixedOrderPolicy(pacer), randomPolicy(pacer)]) {
    const t = performance.now();
    reports.push(
      await simulate({
        pacer,
        policy,
        learners,
        days: 30,
        minutesPerDay: 20,
        postTestDelayDays: 30,
        seed: 1,
      }),
    );
    times.push((performance.now() - t) / 1000);
  }
  writeFileSync(fileURLToPath(new URL('../../../docs/simulation.svg', import.meta.url)), svg(reports));
  const out = [
    '',
    `### Learning efficiency: ${learners.toLocaleString('en')} simulated learners, 40-skill graph, 30 days at 20 min/day`,
    '',
    '| policy | median minutes to learn every skill | learners who learned every skill | retention 30 days later | over-practice (attempts per learner) | under-practice (attempts per learner) | simulation time |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  reports.forEach((r, k) => {
    out.push(
      `| ${r.policy} | ${r.medianMinutesToMastery === null ? 'not reached' : r.medianMinutesToMastery.toFixed(0)} | ${(r.masteredShare * 100).toFixed(0)}% | ${(r.meanRetention * 100).toFixed(1)}% | ${r.meanOverPractice.toFixed(1)} | ${r.meanUnderPractice.toFixed(1)} | ${times[k]!.toFixed(1)} s |`,
    );
  });
  out.push('', '![Skills learned over time under the three policies](simulation.svg)');
  return out;
}
