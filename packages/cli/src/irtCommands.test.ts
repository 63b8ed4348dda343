import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from './__fixtures__/captureIo';
import { runCli } from './index';

// LSAT Section 6 as weighted response patterns (see packages/core/src/ability/irt.test.ts for the
// source and ltm's published estimates).
const LSAT: [string, number][] = [
  ['00000', 3],
  ['00001', 6],
  ['00010', 2],
  ['00011', 11],
  ['00100', 1],
  ['00101', 1],
  ['00110', 3],
  ['00111', 4],
  ['01000', 1],
  ['01001', 8],
  ['01011', 16],
  ['01101', 3],
  ['01110', 2],
  ['01111', 15],
  ['10000', 10],
  ['10001', 29],
  ['10010', 14],
  ['10011', 81],
  ['10100', 3],
  ['10101', 28],
  ['10110', 15],
  ['10111', 80],
  ['11000', 16],
  ['11001', 56],
  ['11010', 21],
  ['11011', 173],
  ['11100', 11],
  ['11101', 61],
  ['11110', 28],
  ['11111', 298],
];
const ltm = { b: [-3.3597, -1.3696, -0.2799, -1.8659, -3.1236], a: [0.8254, 0.7229, 0.8905, 0.6886, 0.6575] };

describe('pacekit calibrate / score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pacekit-irt-'));
  const wide = join(dir, 'lsat.csv');
  writeFileSync(
    wide,
    ['i1,i2,i3,i4,i5,count', ...LSAT.map(([p, n]) => `${[...p].join(',')},${n}`)].join('\n'),
  );

  it('warns about an item its answers cannot place on the scale (everyone right)', async () => {
    const easy = join(dir, 'easy.csv');
    writeFileSync(
      easy,
      ['i1,i2,i3,i4,i5,all,count', ...LSAT.map(([p, n]) => `${[...p].join(',')},1,${n}`)].join('\n'),
    );
    const io = captureIo();
    expect(await runCli(['calibrate', easy, '--model', '2pl'], io)).toBe(0);
    expect(io.err).toMatch(/warning: item "all" has an extreme difficulty -\d+\.\d\d/);
    expect(io.err.match(/warning/g)).toHaveLength(1);
  });

  it('calibrates weighted wide patterns to ltm’s estimates, as a table and as JSON', async () => {
    const bank = join(dir, 'bank.json');
    const text = captureIo();
    expect(await runCli(['calibrate', wide, '--model', '2pl', '--out', bank], text)).toBe(0);
    expect(text.out).toContain('marginal log-likelihood -2466.65');
    expect(text.err).not.toContain('warning');
    // What was read is said before the work, in rows (patterns), examinees (their counts) and items.
    expect(
      text.err.startsWith(`Reading ${wide}…\nRead 30 rows (1000 examinees) × 5 items from ${wide}, `),
    ).toBe(true);
    const json = captureIo();
    expect(await runCli(['calibrate', wide, '--model', '2pl', '--json'], json)).toBe(0);
    const result = JSON.parse(json.out);
    expect(result.layout).toBe('wide');
    result.items.forEach((item: { a: number; b: number }, j: number) => {
      expect(item.b).toBeCloseTo(ltm.b[j]!, 2);
      expect(item.a).toBeCloseTo(ltm.a[j]!, 2);
    });
    expect(JSON.parse(readFileSync(bank, 'utf8')).kind).toBe('irt-bank');
  });

  it('scores each pattern by EAP, and reads long-format responses', async () => {
    const bank = join(dir, 'bank2.json');
    await runCli(['calibrate', wide, '--out', bank, '--json'], captureIo());
    const scores = captureIo();
    expect(await runCli(['score', bank, wide, '--json'], scores)).toBe(0);
    const rows = JSON.parse(scores.out);
    expect(rows).toHaveLength(30);
    // More right answers, higher ability: the all-wrong pattern lowest, all-right highest.
    expect(rows[0].theta).toBeLessThan(rows[29].theta);
    expect(rows[29].answered).toBe(5);
    const long = join(dir, 'long.csv');
    writeFileSync(long, 'learner,item,correct\nada,i1,1\nada,i3,0\nbo,i2,1\nbo,i5,1\n');
    const longScores = captureIo();
    expect(await runCli(['score', bank, long], longScores)).toBe(0);
    expect(longScores.out).toMatch(/^examinee/);
    expect(longScores.out).toMatch(/\nada +2 +-?\d\.\d{3} +\d\.\d{3}\n/);
  });

  it('names the line, column and value of a bad cell, and unknown items', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'i1,i2\n1,0\n1,yes\n');
    const io = captureIo();
    expect(await runCli(['calibrate', bad], io)).toBe(1);
    expect(io.err).toContain('CSV line 3, column "i2": expected 0, 1 or blank (got "yes")');
    const bank = join(dir, 'bank3.json');
    await runCli(['calibrate', wide, '--out', bank, '--json'], captureIo());
    const other = join(dir, 'other.csv');
    writeFileSync(other, 'i1,zz\n1,0\n');
    const unknown = captureIo();
    expect(await runCli(['score', bank, other], unknown)).toBe(1);
    expect(unknown.err).toContain('item "zz"');
    const model = captureIo();
    expect(await runCli(['calibrate', wide, '--model', '4pl'], model)).toBe(2);
  });
});
