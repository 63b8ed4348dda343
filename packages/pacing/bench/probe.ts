// A quick paired comparison for tuning the policy: Pacekit against fixed order on chosen cells,
// with a policy tuning, and a tally of what Pacekit recommended (kind and reason codes). About 3 s
// a cell at 100 learners, against ~6 minutes for the whole benchmark.
//
//   pnpm --filter @pacekit/pacing sim:probe                      # BKT + FSRS truth, layered graph
//   TUNING='{"review":0}' CELLS=0:1,3:1 LEARNERS=100 TALLY=1 pnpm --filter @pacekit/pacing sim:probe
//
// CELLS is a list of truth:graph indices into GROUND_TRUTHS and COURSES of `@pacekit/pacing/sim`.
import { createPacer, type PolicyTuningInput } from '@pacekit/pacing';
import {
  COURSES,
  comparePaired,
  fixedOrderPolicy,
  GROUND_TRUTHS,
  type SimPolicy,
  type SimulationReport,
  simulate,
} from '@pacekit/pacing/sim';
import { BKT } from './simulation';

const learners = Number(process.env.LEARNERS ?? 100);
const tuning = JSON.parse(process.env.TUNING ?? '{}') as PolicyTuningInput;
const cells = (process.env.CELLS ?? '0:1').split(',').map((cell) => cell.split(':').map(Number));
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const meanAttempts = (r: SimulationReport) =>
  r.learners.reduce((s, o) => s + o.attempts, 0) / r.learners.length;

for (const [truthIndex, courseIndex] of cells) {
  const truth = GROUND_TRUTHS[truthIndex!];
  const makeCourse = COURSES[courseIndex!];
  if (!truth || !makeCourse) throw new Error(`CELLS: no cell ${truthIndex}:${courseIndex}`);
  const course = makeCourse();
  const plain = course.items.map(({ difficulty: _difficulty, ...item }) => item);
  const pacer = createPacer({
    skills: course.skills,
    items: truth.itemDifficulty ? course.items : plain,
    bkt: BKT,
    policy: tuning,
  });
  const tally = new Map<string, number>();
  const pacekit: SimPolicy = {
    name: 'Pacekit',
    start: () => ({
      choose: ({ state, now }) => {
        const [top] = pacer.next(state, { now, limit: 1 });
        if (!top || top.reasons[0]?.code === 'all-mastered') return null;
        const key = `${top.kind}: ${top.reasons.map((r) => r.code).join(' + ')}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        return { itemId: top.itemId, kind: top.kind, predictedSuccess: top.predictedSuccess };
      },
    }),
  };
  const options = { pacer, truth, learners, days: 30, minutesPerDay: 20, postTestDelayDays: 30, seed: 1 };
  const started = performance.now();
  const p = await simulate({ ...options, policy: pacekit });
  const f = await simulate({ ...options, policy: fixedOrderPolicy(pacer) });
  const paired = comparePaired(p, f);
  console.log(
    `${truth.name} / ${course.name}: paired minutes ${paired.medianRatio.toFixed(3)}× fixed; ` +
      `learned everything ${pct(p.masteredShare)} / ${pct(f.masteredShare)}; ` +
      `post-test ${(p.meanRetention * 100).toFixed(1)} / ${(f.meanRetention * 100).toFixed(1)}; ` +
      `on known skills ${pct(p.knownPracticeShare)} / ${pct(f.knownPracticeShare)}; ` +
      `stuck day ${pct(p.stuckShare)} / ${pct(f.stuckShare)}; quits ${p.meanQuits.toFixed(2)} / ${f.meanQuits.toFixed(2)}; ` +
      `attempts ${meanAttempts(p).toFixed(0)} / ${meanAttempts(f).toFixed(0)} (Pacekit / fixed; ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (process.env.TALLY) {
    for (const [key, count] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 12))
      console.log(`  ${(count / learners).toFixed(1).padStart(6)} per learner  ${key}`);
  }
}
