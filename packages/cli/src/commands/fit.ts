import { parseArgs } from 'node:util';
import { fitBktParallel, readResponsesCsv } from '@pacekit/core/node';
import type { CliIo } from '../io';
import {
  COLUMN_HELP,
  columnFlags,
  csvOptions,
  integerFlag,
  numberFlag,
  probabilityFlag,
  UsageError,
} from '../options';
import { progressBar } from '../progressBar';

export const fitUsage = `pacekit fit <train.csv> [options]

Fits Bayesian Knowledge Tracing to one-row-per-response CSV and writes the model as JSON.

  --forgets            fit forgetting (P(F)) as well
  --individualize      fit each learner's own pace too: learner types and a response
                       layer (ability, recent answers), followed online per learner
  --learner-types N    learner types when individualizing (default 8)
  --max-guess X        P(G) stays below X (default 0.5: "known" answers better than "unknown")
  --max-slip X         P(S) stays below X (default 0.5)
  --item-guess-slip    fit guess and slip per item (KT-IDEM; needs an item column)
  --item-learn         fit the learn rate per item (needs an item column)
  --class-prior        fit the prior per learner class (needs a class column)
  --restarts N         random restarts per skill (default 5)
  --seed S             seed of the restarts (default 0)
  --max-iterations N   EM iterations per restart (default 100)
  --tolerance X        stop when the log-likelihood improves by at most X (default 0.005)
  --plain-em           plain EM, step for step as pyBKT (default: SQUAREM-accelerated EM,
                       fewer iterations and a log-likelihood as high or higher)
  --accelerate         SQUAREM-accelerated EM (the default; kept for scripts that pass it)
  --threads N          threads fitting skills at once (default: this machine's cores; the
                       model is the same for any N)
  --out FILE           write the model to FILE (default: standard output)
${COLUMN_HELP}`;

/** `pacekit fit`: returns the exit code. */
export async function fitCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      forgets: { type: 'boolean' },
      individualize: { type: 'boolean' },
      'learner-types': { type: 'string' },
      'max-guess': { type: 'string' },
      'max-slip': { type: 'string' },
      'item-guess-slip': { type: 'boolean' },
      'item-learn': { type: 'boolean' },
      'class-prior': { type: 'boolean' },
      restarts: { type: 'string' },
      seed: { type: 'string' },
      'max-iterations': { type: 'string' },
      tolerance: { type: 'string' },
      accelerate: { type: 'boolean' },
      'plain-em': { type: 'boolean' },
      threads: { type: 'string' },
      out: { type: 'string' },
      ...columnFlags,
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(`fit takes one CSV file (got ${positionals.length})\n\n${fitUsage}`);
  const path = positionals[0]!;
  // Check every flag before reading anything, so a typo fails fast.
  const restarts = integerFlag('restarts', values.restarts, 1);
  const seed = integerFlag('seed', values.seed, Number.MIN_SAFE_INTEGER);
  const maxIterations = integerFlag('max-iterations', values['max-iterations'], 1);
  const tolerance = numberFlag('tolerance', values.tolerance);
  const learnerTypes = integerFlag('learner-types', values['learner-types'], 2);
  const maxGuess = probabilityFlag('max-guess', values['max-guess']);
  const maxSlip = probabilityFlag('max-slip', values['max-slip']);
  const threads = integerFlag('threads', values.threads, 1);
  if (values.accelerate && values['plain-em'])
    throw new UsageError('fit: --accelerate and --plain-em contradict each other; give one');
  if (values.out) await io.checkWritable?.(values.out);
  const started = performance.now();
  // Streamed: memory holds the table, never the file's text.
  const csv = await readResponsesCsv(path, {
    ...csvOptions(values),
    onProgress: progressBar(io, `Reading ${path} (bytes)`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  io.stderr(
    `Read ${csv.table.length} responses of ${csv.table.learnerIds.length} learners on ${csv.table.skillIds.length} skills from ${path}` +
      (csv.skipped > 0 ? ` (${csv.skipped} bad rows skipped)` : '') +
      (csv.emptySkill > 0 ? ` (${csv.emptySkill} rows without a skill left out)` : '') +
      '\n',
  );
  const model = await fitBktParallel(csv.table, {
    ...(threads !== undefined ? { threads } : {}),
    forgets: values.forgets ?? false,
    individualize: values.individualize ?? false,
    learnerTypes,
    maxGuess,
    maxSlip,
    itemGuessSlip: values['item-guess-slip'] ?? false,
    itemLearn: values['item-learn'] ?? false,
    classPrior: values['class-prior'] ?? false,
    restarts,
    seed,
    maxIterations,
    tolerance,
    accelerate: !values['plain-em'],
    onProgress: progressBar(io, 'Fitting skills'),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  const json = `${JSON.stringify(model, null, 2)}\n`;
  if (values.out) await io.writeFile(values.out, json);
  else io.stdout(json);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const health = model.fit?.health ?? [];
  if (health.length > 0) {
    io.stderr(
      `Warning: ${health.length} problem(s) with fitted parameters — look at these skills before pacing with them:\n` +
        health
          .map((h) => `  skill ${JSON.stringify(h.skillId)}: ${h.problem} (${h.value.toFixed(4)})\n`)
          .join(''),
    );
    if (health.some((h) => h.problem === 'flat-predictions' || h.problem.endsWith('at-bound')))
      io.stderr(
        '  (a fit pressed against --max-guess/--max-slip can flatten predictions; try raising them)\n',
      );
  }
  io.stderr(
    `Fitted ${Object.keys(model.skills).length} skills in ${seconds} s, log-likelihood ${model.fit!.logLikelihood.toFixed(1)}` +
      (values.out ? `; model written to ${values.out}` : '') +
      '\n',
  );
  return 0;
}
