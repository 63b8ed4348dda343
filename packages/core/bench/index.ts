// `pnpm bench` for @pacekit/core: accuracy and speed of BKT on the shared ASSISTments 2009
// skill-builder training split. Prints markdown for docs/benchmarks.md.
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import {
  createBkt,
  createCatalog,
  createLearnerModel,
  createMemoryStorage,
  createRandom,
  createSkillGraph,
  type EventInput,
} from '@pacekit/core';
import { crossValidateBkt, estimateMastery, fitBkt } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';
import { createSqlStorage } from '@pacekit/core/sql';
import { buildSkillSequences } from '../src/bkt/sequences';
import { abilityBench } from './ability';
import { stallBench } from './stall';
import { storeBench, writersBench } from './store';

const path = fileURLToPath(
  new URL('../../../../shared/data/assistments-2009-builder/train.csv', import.meta.url),
);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const log = (line = '') => console.log(line);
const parseStart = performance.now();
const { table } = await readResponsesCsv(path);
const parseMs = performance.now() - parseStart;
log(`## @pacekit/core — BKT on ASSISTments 2009 skill-builder (train split)`);
log();
log(
  `${table.length} responses, ${table.learnerIds.length} students, ${table.skillIds.length} skills; CSV read and parsed in ${parseMs.toFixed(0)} ms.`,
);
log(`Node ${process.version}, one thread.`);
log();
log('### Accuracy: 5-fold cross-validation by student, seed 0, 5 restarts');
log();
log(
  '| model | AUC (mean of folds) | RMSE | log loss | accuracy | AUC pooled over all folds | pyBKT AUC / RMSE |',
);
log('| --- | --- | --- | --- | --- | --- | --- |');
const reference = { standard: '0.783 / 0.411', forgets: '0.815 / 0.395' };
const variants = [false, true].flatMap((individualize) =>
  [false, true].map((forgets) => ({ forgets, individualize })),
);
const modelName = ({ forgets, individualize }: { forgets: boolean; individualize: boolean }) =>
  `${forgets ? 'BKT + forgetting' : 'standard BKT'}${individualize ? ' + learner pace' : ''}`;
for (const { forgets, individualize } of variants) {
  const cv = await crossValidateBkt(table, { folds: 5, seed: 0, fit: { forgets, individualize } });
  const m = cv.mean;
  log(
    `| ${modelName({ forgets, individualize })} | ${m.auc.toFixed(4)} | ${m.rmse.toFixed(4)} | ${m.logLoss.toFixed(4)} | ${m.accuracy.toFixed(4)} | ${cv.pooled.auc.toFixed(4)} | ${individualize ? '—' : forgets ? reference.forgets : reference.standard} |`,
  );
}
log();
log('### Fit time: whole split, 5 restarts, median of 3 runs (budget ≤ 2 s on one core)');
log();
log('| model | median | runs | EM iterations per restart (mean, best restart) | pyBKT (2 cores) |');
log('| --- | --- | --- | --- | --- |');
for (const { forgets, individualize } of variants) {
  const runs: number[] = [];
  let iterations = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const model = await fitBkt(table, { forgets, individualize, restarts: 5, seed: 0 });
    runs.push(performance.now() - t);
    const skills = Object.values(model.skills);
    iterations = skills.reduce((s, k) => s + k.fit!.iterations, 0) / skills.length;
  }
  log(
    `| ${modelName({ forgets, individualize })} | ${(median(runs) / 1000).toFixed(2)} s | ${runs.map((x) => (x / 1000).toFixed(2)).join(', ')} s | ${iterations.toFixed(1)} | ${individualize ? '—' : forgets ? '5.5 s' : '4.1 s'} |`,
  );
}
log();

const model = await fitBkt(table, { forgets: true, seed: 0 });
const bkt = createBkt(model);
// Online update: batches of 1,000 updates; the median batch time per update.
const skillIds = table.skillIds;
const batches: number[] = [];
let p = 0.3;
let sink = 0;
for (let b = 0; b < 2000; b++) {
  const skillId = skillIds[b % skillIds.length]!;
  const t = performance.now();
  for (let i = 0; i < 1000; i++) {
    p = bkt.update(skillId, p, (i & 3) !== 0);
    sink += p;
  }
  batches.push((performance.now() - t) / 1000);
}
log('### Online update of a learner after one attempt (budget ≤ 2 µs median)');
log();
{
  // The individualized fold: one attempt through learner.apply (types, pace, skill record).
  const individualModel = await fitBkt(table, { forgets: true, individualize: true, seed: 0 });
  const learner = createLearnerModel({ bkt: individualModel });
  let state = learner.initialState('bench');
  const times: number[] = [];
  for (let b = 0; b < 200; b++) {
    const t = performance.now();
    for (let i = 0; i < 1000; i++) {
      const n = b * 1000 + i;
      state = learner.apply(state, {
        type: 'attempt',
        id: `e${n}`,
        learnerId: 'bench',
        at: n,
        itemId: 'q',
        skillIds: [skillIds[n % 40]!],
        correct: (n & 3) !== 0,
        hintsUsed: 0,
      });
    }
    times.push((performance.now() - t) / 1000);
  }
  log(
    `Individualized (learner pace, ${individualModel.individual!.typeWeights.length} learner types), one attempt folded by \`learner.apply\` (the whole event fold, state copy included): median ${(median(times) * 1e6).toFixed(0)} ns (200 batches of 1,000).`,
  );
  log();
}
log(
  `\`bkt.update(skillId, pMastery, correct)\`: median ${(median(batches) * 1e6).toFixed(0)} ns per update (2,000 batches of 1,000; checksum ${sink.toFixed(1)}).`,
);
log();

// Memory: the typed arrays fitting holds per (learner, skill) sequence, and bulk estimates.
const sequences = buildSkillSequences(table, { items: false, classes: false });
let bytes = 0;
let pairs = 0;
let distinct = 0;
for (const s of sequences) {
  bytes +=
    s.starts.byteLength + s.obs.byteLength + s.item.byteLength + s.cls.byteLength + s.weight.byteLength;
  bytes += s.itemIds.byteLength + s.classIds.byteLength + s.itemResponses.byteLength;
  pairs += s.learners;
  distinct += s.count;
}
const mastery = estimateMastery(bkt, table);
const estimateBytes = mastery.learner.byteLength + mastery.skill.byteLength + mastery.pMastery.byteLength;
log('### Memory per learner-skill (budget ≤ 32 bytes per estimate in bulk fitting)');
log();
log(`- ${pairs} (learner, skill) sequences, ${distinct} distinct after deduplication.`);
log(
  `- Bulk estimates (\`estimateMastery\`): ${(estimateBytes / mastery.pMastery.length).toFixed(1)} bytes per learner-skill estimate.`,
);
log(
  `- Fitting data (responses, items, offsets, multiplicities): ${(bytes / pairs).toFixed(1)} bytes per learner-skill sequence, ${(bytes / table.length).toFixed(2)} bytes per response.`,
);

// Replay: 1M raw events (1,000 learners × 1,000 attempts over a 500-item, 50-skill course),
// each validated by zod, deduplicated, ordered and folded into the learner's state.
{
  const graph = createSkillGraph(
    Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, prerequisites: i > 0 ? [`s${i - 1}`] : [] })),
  );
  const catalog = createCatalog(
    Array.from({ length: 500 }, (_, i) => ({ id: `q${i}`, skills: [`s${i % 50}`] })),
    graph,
  );
  const learner = createLearnerModel({ bkt: model, graph, catalog });
  const random = createRandom(1);
  const byLearner = new Map<string, EventInput[]>();
  for (let i = 0; i < 1_000_000; i++) {
    const learnerId = `learner-${i % 1000}`;
    let list = byLearner.get(learnerId);
    if (!list) byLearner.set(learnerId, (list = []));
    list.push({
      id: `e${i}`,
      learnerId,
      at: 1_700_000_000_000 + i * 1000,
      type: 'attempt',
      itemId: `q${random.int(500)}`,
      correct: random.next() < 0.7,
    });
  }
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    let folded = 0;
    for (const [learnerId, events] of byLearner) folded += learner.replay(learnerId, events).eventCount;
    runs.push(performance.now() - t);
    if (folded !== 1_000_000) throw new Error(`replay folded ${folded} events`);
  }
  log();
  log('### Replay of 1M validated events into learner states (budget ≤ 1.5 s)');
  log();
  log(
    `\`learner.replay()\` over 1,000 learners × 1,000 raw attempts (zod validation, dedup by id, ordering, BKT fold): median ${(median(runs) / 1000).toFixed(2)} s of 5 runs (${runs.map((x) => (x / 1000).toFixed(2)).join(', ')} s).`,
  );
}

log();
log(
  '### The store at scale: load + record with 1,000,000 events (budget ≤ 50 ms), 20 writers × 50 events (budget ≤ 1 s)',
);
log();
log(await storeBench(createMemoryStorage(), 1_000_000, 'memory storage'));
{
  const db = new PGlite();
  const storage = createSqlStorage({ client: db });
  await storage.setup();
  log(await storeBench(storage, 1_000_000, 'SQL storage on PGlite'));
  await db.close();
}
log(await writersBench());
log(await writersBench(true));
log(
  await stallBench(
    createMemoryStorage(),
    'memory storage (a PostgreSQL server too: `pnpm --filter @pacekit/core bench:stall`)',
  ),
);
log();

for (const line of await abilityBench()) log(line);
