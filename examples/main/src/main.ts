// `pnpm start`: fit Bayesian Knowledge Tracing on real student responses, check it on students
// it never saw, and follow one student's mastery response by response. Everything comes from
// Pacekit's public entry points, exactly as an app installing it from npm would use them.
import { fileURLToPath } from 'node:url';
import { createBkt, type Progress } from '@pacekit/core';
import { crossValidateBkt, fitBkt } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';

const sample = fileURLToPath(new URL('../data/assistments-sample.csv', import.meta.url));

function progressBar(label: string): (p: Progress) => void {
  return (p) => {
    // Redraw in place on a terminal; in a log, one line at the end.
    if (!process.stderr.isTTY) {
      if (p.done === p.total) process.stderr.write(`${label}: ${p.total}/${p.total}\n`);
      return;
    }
    const width = 30;
    const filled = Math.round((p.done / p.total) * width);
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}`,
    );
    if (p.done === p.total) process.stderr.write('\n');
  };
}

const started = performance.now();
const { table, rows } = await readResponsesCsv(sample);
console.log(
  `Read ${rows} real responses of ${table.learnerIds.length} students on ${table.skillIds.length} skills (ASSISTments 2009 skill-builder excerpt).\n`,
);

for (const forgets of [false, true]) {
  const name = forgets ? 'BKT + forgetting' : 'standard BKT';
  const cv = await crossValidateBkt(table, {
    folds: 5,
    seed: 0,
    fit: { forgets },
    onProgress: progressBar(`5-fold CV, ${name}`),
  });
  const m = cv.mean;
  console.log(
    `  ${name.padEnd(17)} AUC ${m.auc.toFixed(3)}  RMSE ${m.rmse.toFixed(3)}  log loss ${m.logLoss.toFixed(3)}  accuracy ${m.accuracy.toFixed(3)}`,
  );
}

const model = await fitBkt(table, {
  forgets: true,
  seed: 0,
  onProgress: progressBar('\nFit on every student'),
});
const bkt = createBkt(model);

// Follow the student who took longest to reach mastery on one skill (10 to 40 responses).
const histories = new Map<string, boolean[]>();
for (let i = 0; i < table.length; i++) {
  const key = `${table.learnerIds[table.learner[i]!]}|${table.skillIds[table.skill[i]!]}`;
  histories.set(key, [...(histories.get(key) ?? []), table.correct[i] === 1]);
}
const finalMastery = ([key, answers]: [string, boolean[]]): number => {
  const skill = key.split('|')[1]!;
  return answers.reduce((p, correct) => bkt.update(skill, p, correct), bkt.prior(skill));
};
const [chosen] = [...histories.entries()]
  // A skill whose fitted model is informative: a known student rarely slips.
  .filter(
    ([key, answers]) =>
      answers.length >= 10 && answers.length <= 40 && bkt.params(key.split('|')[1]!).pSlip < 0.25,
  )
  .sort(
    (a, b) => Number(finalMastery(b) >= 0.95) - Number(finalMastery(a) >= 0.95) || b[1].length - a[1].length,
  );
const [studentId, skillId] = chosen![0].split('|') as [string, string];
const params = bkt.params(skillId);
console.log(
  `\nSkill ${skillId}: P(L0) ${params.pInit.toFixed(2)}, learn ${params.pLearn.toFixed(2)}, forget ${params.pForget.toFixed(2)}, guess ${params.pGuess.toFixed(2)}, slip ${params.pSlip.toFixed(2)}`,
);
console.log(
  `Student ${studentId} on skill ${skillId}, response by response (P(correct) predicted before each answer):`,
);
let p = bkt.prior(skillId);
const line: string[] = [];
for (let i = 0; i < table.length; i++) {
  if (table.learnerIds[table.learner[i]!] !== studentId || table.skillIds[table.skill[i]!] !== skillId)
    continue;
  const correct = table.correct[i] === 1;
  line.push(
    `${correct ? '✓' : '✗'} ${bkt.predict(skillId, p).toFixed(2)}→${((p = bkt.update(skillId, p, correct))).toFixed(2)}`,
  );
}
for (let i = 0; i < line.length; i += 6) console.log(`  ${line.slice(i, i + 6).join('   ')}`);
console.log(
  `\nP(mastery) now ${p.toFixed(3)} — ${p >= 0.95 ? 'mastered' : 'not yet mastered'} at the default threshold 0.95.`,
);
console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
