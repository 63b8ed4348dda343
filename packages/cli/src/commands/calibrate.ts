import { parseArgs } from 'node:util';
import { PacekitError } from '@pacekit/core';
import { calibrateIrt } from '@pacekit/core/ability';
import type { CliIo } from '../io';
import { integerFlag, UsageError } from '../options';
import { progressBar, readIrtFile } from '../progressBar';

export const calibrateUsage = `pacekit calibrate <responses.csv> [--model 1pl|2pl|3pl] [--quadrature N] [--out bank.json] [--json]

Calibrates items by marginal maximum likelihood (EM, Gauss-Hermite quadrature, default 21 points)
and prints each item's difficulty b and discrimination a (logistic metric, no 1.7 constant),
guessing c for the 3PL, and the marginal log-likelihood. Responses are wide (one row per examinee
or pattern, one column per item, 0/1 or blank, optional "count" column) or long
(learner,item,correct).

  --model 1pl|2pl|3pl  the IRT model (default 2pl)
  --quadrature N       Gauss-Hermite quadrature points (default 21; 5 to 201)
  --out FILE           write the item bank to FILE, for "pacekit score"
  --json               print the bank as JSON (default: a table; progress on stderr)`;

/** |difficulty| beyond which an estimate is an artefact of the data, not a measure (logits). */
const EXTREME_DIFFICULTY = 6;
/** Discrimination beyond which an estimate is an artefact of the data. */
const EXTREME_DISCRIMINATION = 5;

/** `pacekit calibrate`: returns the exit code. */
export async function calibrateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      quadrature: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(`calibrate takes one CSV file (got ${positionals.length})\n\n${calibrateUsage}`);
  const model = values.model ?? '2pl';
  if (model !== '1pl' && model !== '2pl' && model !== '3pl')
    throw new UsageError(`--model must be 1pl, 2pl or 3pl (got "${model}")`);
  const quadraturePoints = integerFlag('quadrature', values.quadrature, 5);
  if (values.out) await io.checkWritable?.(values.out);
  const { matrix, layout } = await readIrtFile(io, positionals[0]!);
  const bank = await calibrateIrt(matrix, {
    model,
    quadraturePoints,
    onProgress: values.json ? undefined : progressBar(io, 'EM iterations'),
  });
  if (values.out) await io.writeFile(values.out, `${JSON.stringify(bank, null, 2)}\n`);
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ model, layout, logLikelihood: bank.logLikelihood, items: bank.items }, null, 2)}\n`,
    );
  } else {
    const lines = [
      `${'item'.padEnd(16)} ${'difficulty'.padStart(10)} ${'discrim.'.padStart(9)}${model === '3pl' ? ' guessing'.padStart(9) : ''}`,
    ];
    for (const item of bank.items) {
      lines.push(
        `${item.id.padEnd(16)} ${item.b.toFixed(4).padStart(10)} ${item.a.toFixed(4).padStart(9)}${model === '3pl' ? item.c.toFixed(4).padStart(9) : ''}`,
      );
    }
    lines.push(`marginal log-likelihood ${bank.logLikelihood!.toFixed(3)}`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  // Estimates at the edges of the scale mean the data cannot place the item (everyone right,
  // everyone wrong, or too few answers): say so rather than print −58.95 as if it were a measure.
  for (const item of bank.items) {
    const problems = [
      Math.abs(item.b) > EXTREME_DIFFICULTY ? `difficulty ${item.b.toFixed(2)}` : null,
      item.a > EXTREME_DISCRIMINATION ? `discrimination ${item.a.toFixed(2)}` : null,
    ].filter(Boolean);
    if (problems.length > 0)
      io.stderr(
        `warning: item "${item.id}" has an extreme ${problems.join(' and ')}: its answers do not place it on the scale (nearly all right or all wrong, or too few); treat it with care\n`,
      );
  }
  if (!Number.isFinite(bank.logLikelihood ?? Number.NaN))
    throw new PacekitError('NOT_ENOUGH_DATA', 'calibration did not reach a finite likelihood');
  return 0;
}
