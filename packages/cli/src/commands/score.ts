import { parseArgs } from 'node:util';
import { PacekitError, parseInput } from '@pacekit/core';
import { estimateAbility, ItemBankSchema } from '@pacekit/core/ability';
import type { CliIo } from '../io';
import { UsageError } from '../options';
import { readIrtFile } from '../progressBar';

export const scoreUsage = `pacekit score <bank.json> <responses.csv> [--json]

Prints the EAP ability estimate and its standard error for each examinee or response pattern of
responses.csv (wide or long, as for calibrate), using the item bank from "pacekit calibrate --out".

  --json               print the estimates as JSON (default: a table)`;

/** `pacekit score`: returns the exit code. */
export async function scoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length !== 2)
    throw new UsageError(
      `score takes an item bank and a CSV file (got ${positionals.length} arguments)\n\n${scoreUsage}`,
    );
  const [bankPath, csvPath] = positionals as [string, string];
  let raw: unknown;
  try {
    raw = JSON.parse(await io.readFile(bankPath));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new PacekitError('INVALID_INPUT', `${bankPath} is not JSON: ${error.message}`);
    throw error;
  }
  const { items } = parseInput(ItemBankSchema, raw, `item bank ${bankPath}`);
  const bank = new Map(items.map((item) => [item.id, item]));
  const { matrix, rowIds } = await readIrtFile(io, csvPath);
  for (const id of matrix.itemIds) {
    if (!bank.has(id))
      throw new PacekitError('UNKNOWN_ITEM', `${csvPath} has item "${id}", which is not in ${bankPath}`, {
        itemId: id,
      });
  }
  const J = matrix.itemIds.length;
  const scores = rowIds.map((id, i) => {
    const responses = [];
    for (let j = 0; j < J; j++) {
      const x = matrix.responses[i * J + j]!;
      if (x >= 0) responses.push({ item: bank.get(matrix.itemIds[j]!)!, correct: x === 1 });
    }
    const { theta, se } = estimateAbility(responses);
    return { id, count: matrix.counts[i]!, answered: responses.length, theta, se };
  });
  if (values.json) io.stdout(`${JSON.stringify(scores, null, 2)}\n`);
  else {
    const lines = [
      `${'examinee'.padEnd(16)} ${'answered'.padStart(8)} ${'theta'.padStart(8)} ${'se'.padStart(7)}`,
    ];
    for (const s of scores)
      lines.push(
        `${s.id.padEnd(16)} ${String(s.answered).padStart(8)} ${s.theta.toFixed(3).padStart(8)} ${s.se.toFixed(3).padStart(7)}`,
      );
    io.stdout(`${lines.join('\n')}\n`);
  }
  return 0;
}
