// Fitting BKT in the browser: answers simulated for the fractions course's skills, fitted on this
// thread and on Web Workers (`fitBktInWorkers` with `@pacekit/core/fit-worker`), the two models
// compared. What a data person's page does with a class's exported answers.
import { createRandom } from '@pacekit/core';
import { createResponseTable, fitBkt, fitBktInWorkers, type ResponseRow } from '@pacekit/core/fit';
import FitWorker from '@pacekit/core/fit-worker?worker';
import { skills } from './course';

/** Answers of `learners` simulated learners on every skill (standard BKT, seeded). */
function simulate(learners: number, length: number): ResponseRow[] {
  const random = createRandom(3);
  const rows: ResponseRow[] = [];
  for (const [k, skill] of skills.entries())
    for (let l = 0; l < learners; l++) {
      let known = random.next() < 0.1 + 0.03 * k;
      for (let t = 0; t < length; t++) {
        const correct = known ? random.next() > 0.1 : random.next() < 0.2;
        rows.push({ learnerId: `learner-${l}`, skillId: skill.id, correct });
        if (!known) known = random.next() < 0.15 + 0.02 * k;
      }
    }
  return rows;
}

const status = document.getElementById('fit-status')!;
const table = createResponseTable(simulate(400, 20));
const threads = Math.max(2, navigator.hardwareConcurrency || 2);
const started = performance.now();
const inWorkers = await fitBktInWorkers(table, { threads, createWorker: () => new FitWorker(), seed: 1 });
const workersMs = performance.now() - started;
const here = await fitBkt(table, { seed: 1 });
const same = JSON.stringify(inWorkers) === JSON.stringify(here);
status.dataset.testid = 'fit-result';
status.dataset.same = String(same);
status.dataset.threads = String(threads);
status.dataset.skills = String(Object.keys(inWorkers.skills).length);
status.textContent = `Fitted ${Object.keys(inWorkers.skills).length} skills from ${table.length} answers on ${threads} threads in ${Math.round(workersMs)} ms; ${same ? 'the same model as on one thread' : 'NOT the model fitted on one thread'}.`;
