// `pnpm start`: one course, paced three ways. Pacekit fits Bayesian Knowledge Tracing on real
// student responses, then follows three simulated learners — quick, struggling, and one with
// strong interests and a deadline — through a week, showing what it chose for each and why.
// Only the published entry points are used, as an app installing Pacekit from npm would.
import { fileURLToPath } from 'node:url';
import type { EventInput, Progress } from '@pacekit/core';
import { crossValidateBkt, fitBkt } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';
import type { SimulatedLearner } from '@pacekit/pacing/sim';
import { createLearners, fractionsCourse, skills } from './course';
import { followWeek } from './week';

const started = performance.now();
const bar = (label: string) => (p: Progress) => {
  if (process.stderr.isTTY)
    process.stderr.write(
      `\r${label} ${Math.round((100 * p.done) / p.total)}%${p.done === p.total ? '\n' : ''}`,
    );
  else if (p.done === p.total) process.stderr.write(`${label}: done\n`);
};
const pct = (p: number) => `${Math.round(p * 100)}%`.padStart(4);

// 1. Real data: an excerpt of ASSISTments 2009 (see data/README.md).
const sample = fileURLToPath(new URL('../data/assistments-sample.csv', import.meta.url));
const { table, rows } = await readResponsesCsv(sample);
const cv = await crossValidateBkt(table, {
  folds: 5,
  seed: 0,
  fit: { forgets: true },
  onProgress: bar('Cross-validating BKT'),
});
// For pacing, standard BKT: forgetting between sessions is FSRS's job, and BKT's P(F) would
// cap P(L) below the mastery threshold.
const fitted = await fitBkt(table, { seed: 0, onProgress: bar('Fitting BKT') });
console.log(
  `BKT on ${rows.toLocaleString('en')} real responses of ${table.learnerIds.length} students; ` +
    `predicting students it never saw (with forgetting): AUC ${cv.mean.auc.toFixed(3)}, RMSE ${cv.mean.rmse.toFixed(3)}.`,
);

// 2. A fractions course (course.ts): its skills borrow parameters fitted on real students.
const { pacer, name } = fractionsCourse(fitted);

// 3. Three learners, a week of 15 minutes a day.
const { quick, struggling, keen } = createLearners();
const monday = Date.UTC(2026, 0, 5, 16);
const DAY = 86_400_000;
const people: { who: string; learner: SimulatedLearner; setup: (id: string) => EventInput[] }[] = [
  { who: 'Quinn, a quick learner', learner: quick, setup: () => [] },
  { who: 'Sam, who finds fractions hard', learner: struggling, setup: () => [] },
  {
    who: 'Kai, into space, with a test on Friday',
    learner: keen,
    setup: (id) => [
      {
        id: `${id}-likes`,
        learnerId: id,
        at: monday - 1000,
        type: 'self-report',
        interests: ['space'],
        preferredModalities: ['video'],
      },
      {
        id: `${id}-goal`,
        learnerId: id,
        at: monday - 500,
        type: 'goal',
        goalId: 'friday-test',
        skillIds: ['add-unlike'],
        deadline: monday + 4 * DAY,
        setBy: 'teacher',
      },
    ],
  },
];

for (const { who, learner, setup } of people) {
  console.log(`\n━━ ${who} ━━`);
  const days = followWeek(pacer, learner, setup(learner.id), { start: monday });
  days.forEach((d, day) => {
    const mix =
      Object.entries(d.kinds)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'nothing left to do';
    const help = d.needsHelp.length > 0 ? ` · needs a teacher on ${d.needsHelp.map(name).join(', ')}` : '';
    console.log(
      `day ${day + 1}  ${String(d.right).padStart(2)}/${String(d.tries).padEnd(2)} right · ${d.mastered}/${skills.length} mastered · ${mix}${help}`,
    );
    const first = d.first;
    if (first)
      console.log(
        `       first: ${first.kind} "${name(first.skillId)}": ${first.reasons
          .slice(0, 2)
          .map((r) => pacer.describe(r))
          .join(' ')}`,
      );
  });
  const state = days.at(-1)!.state;
  console.log(
    `  mastery: ${skills.map((s) => `${s.name} ${pct(pacer.learner.mastery(state, s.id))}`).join(' · ')}`,
  );
  const plan = pacer.sessionPlan(state, { now: monday + 7 * DAY, minutes: 10 });
  console.log(
    `  tomorrow (10 min): ${plan.steps.map((s) => `${s.kind} ${name(s.skillId)}`).join(' → ') || 'all mastered: nothing due'}`,
  );
  if (state.goals['friday-test']) {
    const goal = pacer.goalPlan(state, { now: monday + 4 * DAY - 6 * 3_600_000 });
    console.log(
      `  Friday's test: ${goal.remainingSkills.length === 0 ? 'ready' : `${goal.remainingSkills.map(name).join(', ')} still to master`}`,
    );
  }
}
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
