import { parseArgs } from 'node:util';
import { createBkt, PacekitError } from '@pacekit/core';
import { calibration, predictResponses, scorePredictions } from '@pacekit/core/fit';
import { readResponsesCsv } from '@pacekit/core/node';
import type { CliIo } from '../io';
import { COLUMN_HELP, columnFlags, csvOptions, UsageError } from '../options';
import { progressBar } from '../progressBar';

export const evaluateUsage = `pacekit evaluate <model.json> <test.csv> [--json] [column options]

Predicts every response of test.csv one step ahead (each before it is seen) and prints AUC,
RMSE, log loss and accuracy; --json prints them, with calibration bins, as JSON. A model
fitted with --individualize follows each test learner's own pace online, from their earlier
responses only (in the CSV's order).

  --json               print the metrics and calibration bins as JSON (default: a table)
${COLUMN_HELP}`;

/** `pacekit evaluate`: returns the exit code. */
export async function evaluateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, ...columnFlags },
  });
  if (positionals.length !== 2) {
    throw new UsageError(
      `evaluate takes a model and a CSV file (got ${positionals.length} arguments)\n\n${evaluateUsage}`,
    );
  }
  const [modelPath, csvPath] = positionals as [string, string];
  let modelJson: unknown;
  try {
    modelJson = JSON.parse(await io.readFile(modelPath));
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new PacekitError('INVALID_INPUT', `${modelPath} is not JSON: ${error.message}`);
    }
    throw error;
  }
  const bkt = createBkt(modelJson as Parameters<typeof createBkt>[0]);
  const { table } = await readResponsesCsv(csvPath, {
    ...csvOptions(values),
    onProgress: progressBar(io, `Reading ${csvPath} (bytes)`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  const predictions = predictResponses(bkt, table);
  const metrics = scorePredictions(table.correct, predictions);
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ ...metrics, calibration: calibration(table.correct, predictions) }, null, 2)}\n`,
    );
  } else {
    io.stdout(
      [
        `responses  ${metrics.count}`,
        `AUC        ${metrics.auc.toFixed(4)}`,
        `RMSE       ${metrics.rmse.toFixed(4)}`,
        `log loss   ${metrics.logLoss.toFixed(4)}`,
        `accuracy   ${metrics.accuracy.toFixed(4)}`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}
