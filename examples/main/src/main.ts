// `pnpm start`: one course, paced three ways. Pacekit fits Bayesian Knowledge Tracing on real
// student responses, then follows three simulated learners — quick, struggling, and one with
// strong interests and a deadline — through a week, showing what it chose for each and why.
// Only the published entry points are used, as an app installing Pacekit from npm would.
import { fileURLToPath } from 'node:url';
import {
  type BktModel,
  createRandom,
  type EventInput,
  type LearnerState,
  type Progress,
} from '@pacekit/core';
import { crossValidateBkt, fitBkt } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';
import { createPacer, describeReason, type Recommendation } from '@pacekit/pacing';
import { createPopulation, practise, type SimulatedLearner } from '@pacekit/pacing/sim';

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

// 2. A fractions course. Its skills borrow the learn, forget, guess and slip rates fitted on
//    the most-practised ASSISTments skills, so the model behind the pacing comes from real
//    learners; their priors do not carry over (those students had met the skills before), so
//    every skill starts at P(L0) = 0.1.
const skills = [
  { id: 'equal-parts', name: 'Equal parts', topics: ['pizza'] },
  { id: 'unit-fractions', name: 'Unit fractions', prerequisites: ['equal-parts'], topics: ['pizza'] },
  { id: 'compare', name: 'Comparing fractions', prerequisites: ['unit-fractions'], topics: ['sport'] },
  { id: 'equivalent', name: 'Equivalent fractions', prerequisites: ['unit-fractions'], topics: ['space'] },
  { id: 'add-like', name: 'Adding like fractions', prerequisites: ['equivalent'], topics: ['space'] },
  {
    id: 'add-unlike',
    name: 'Adding unlike fractions',
    prerequisites: ['add-like', 'compare'],
    topics: ['space'],
  },
  { id: 'multiply', name: 'Multiplying fractions', prerequisites: ['equivalent'], topics: ['sport'] },
  {
    id: 'word-problems',
    name: 'Word problems',
    prerequisites: ['add-unlike', 'multiply'],
    topics: ['space', 'sport'],
  },
];
const practised = Object.entries(fitted.skills)
  .filter(([, s]) => s.pSlip < 0.3 && s.pGuess < 0.45)
  .sort((a, b) => b[1].fit!.responses - a[1].fit!.responses);
const bkt: BktModel = {
  ...fitted,
  skills: Object.fromEntries(
    skills.map((s, i) => [s.id, { ...practised[i % practised.length]![1], pInit: 0.1, fit: undefined }]),
  ),
};
const items = skills.flatMap((s) =>
  ['easy', 'core', 'stretch'].map((level, k) => ({
    id: `${s.id}/${level}`,
    skills: [s.id],
    difficulty: k - 1,
    topics: s.topics,
    modality: k === 2 ? 'video' : 'practice',
    durationSeconds: 90,
  })),
);
const pacer = createPacer({ skills, items, bkt });
const name = (skillId: string) => skills.find((s) => s.id === skillId)!.name;

// 3. Three learners, a week of 15 minutes a day.
const [quick, struggling, keen] = createPopulation({ size: 3, seed: 7 }) as [
  SimulatedLearner,
  SimulatedLearner,
  SimulatedLearner,
];
Object.assign(quick, { learnRate: 0.55, slip: 0.05 });
Object.assign(struggling, { learnRate: 0.12, slip: 0.15, guess: 0.15 });
Object.assign(keen, { learnRate: 0.3 });
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
  const random = createRandom(11);
  let state: LearnerState = pacer.learner.replay(learner.id, setup(learner.id));
  let n = 0;
  console.log(`\n━━ ${who} ━━`);
  for (let day = 0; day < 7; day++) {
    let clock = monday + day * DAY;
    const end = clock + 15 * 60_000;
    const firsts: Recommendation[] = [];
    const kinds: Record<string, number> = {};
    let right = 0;
    let tries = 0;
    while (clock < end) {
      const [next] = pacer.next(state, { now: clock });
      if (!next || next.reasons[0]?.code === 'all-mastered') break;
      if (firsts.length < 1) firsts.push(next);
      kinds[next.kind] = (kinds[next.kind] ?? 0) + 1;
      const correct = practise(learner, pacer.graph, next.skillId, clock, random);
      right += correct ? 1 : 0;
      tries++;
      state = pacer.learner.apply(state, {
        id: `${learner.id}-${n++}`,
        learnerId: learner.id,
        at: clock,
        type: 'attempt',
        itemId: next.itemId,
        correct,
        hintsUsed: 0,
      });
      clock += 90_000;
    }
    const mastered = skills.filter((s) => pacer.learner.isMastered(state, s.id)).length;
    const mix =
      Object.entries(kinds)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'nothing left to do';
    const first = firsts[0];
    const why = first
      ? `${first.kind} "${name(first.skillId)}": ${first.reasons.slice(0, 2).map(describeReason).join(' ')}`
      : '';
    console.log(
      `day ${day + 1}  ${String(right).padStart(2)}/${String(tries).padEnd(2)} right · ${mastered}/${skills.length} mastered · ${mix}`,
    );
    if (why) console.log(`       first: ${why}`);
  }
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
