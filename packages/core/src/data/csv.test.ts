import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacekitError } from '../errors';
import { createResponsesCsvParser, forEachCsvRecord, parseResponsesCsv } from './csv';

describe('forEachCsvRecord', () => {
  it('reads quoted fields, doubled quotes, CRLF and multi-line fields with their line numbers', () => {
    const records: [string[], number][] = [];
    forEachCsvRecord('a,b\r\n"x,1","say ""hi"""\n"two\nlines",z\n', ',', (fields, line) =>
      records.push([fields, line]),
    );
    expect(records).toEqual([
      [['a', 'b'], 1],
      [['x,1', 'say "hi"'], 2],
      [['two\nlines', 'z'], 3],
    ]);
  });
});

describe('parseResponsesCsv', () => {
  it('auto-detects pyBKT column names and keeps ids', () => {
    const { table, columns, rows } = parseResponsesCsv(
      'user_id,skill_name,correct,problem_id\nada,frac,1,p1\nada,frac,0,p2\nbob,dec,1,p1\n',
    );
    expect(rows).toBe(3);
    expect(columns).toMatchObject({
      learner: 'user_id',
      skill: 'skill_name',
      correct: 'correct',
      item: 'problem_id',
    });
    expect(table.learnerIds).toEqual(['ada', 'bob']);
    expect(table.skillIds).toEqual(['frac', 'dec']);
    expect(Array.from(table.correct)).toEqual([1, 0, 1]);
    expect(Array.from(table.item)).toEqual([0, 1, 0]);
  });

  it('orders rows by the order column, numerically and stably', () => {
    const { table } = parseResponsesCsv('order_id,user_id,skill_id,correct\n10,a,s,1\n2,a,s,0\n10,a,s,0\n');
    expect(Array.from(table.correct)).toEqual([0, 1, 0]);
  });

  it('splits multi-skill cells so the response counts for each skill', () => {
    const { table } = parseResponsesCsv('user_id,skill_name,correct\na,x~~y,1\n');
    expect(table.length).toBe(2);
    expect(table.skillIds).toEqual(['x', 'y']);
  });

  it('uses mapped columns and leaves out rows without a skill (as pyBKT does)', () => {
    const { table, emptySkill } = parseResponsesCsv('who,kc,ok\na,s,true\na,,false\n', {
      columns: { learner: 'who', skill: 'kc', correct: 'ok' },
    });
    expect(table.length).toBe(1);
    expect(emptySkill).toBe(1);
  });

  it('names the line, column and value of a bad cell', () => {
    const text = 'user_id,skill_name,correct\na,s,1\na,s,yes\n';
    expect(() => parseResponsesCsv(text)).toThrow(
      'CSV line 3, column "correct": expected 0 or 1 (or true/false, or a score in [0, 1]) (got "yes")',
    );
    try {
      parseResponsesCsv(text);
    } catch (error) {
      expect(error).toBeInstanceOf(PacekitError);
      expect((error as PacekitError).details).toMatchObject({ line: 3, column: 'correct', value: 'yes' });
    }
  });

  it('skips and counts bad rows when asked to', () => {
    const result = parseResponsesCsv('user_id,skill_name,correct\na,s,1\na,s,2\n,s,1\na,s\n', {
      onBadRow: 'skip',
    });
    expect(result.table.length).toBe(1);
    expect(result.skipped).toBe(3);
    expect(result.issues.map((i) => [i.line, i.column])).toEqual([
      [3, 'correct'],
      [4, 'user_id'],
      [5, 'correct'],
    ]);
  });

  it('says which column is missing from the header, and what it looked for', () => {
    expect(() => parseResponsesCsv('user_id,correct\na,1\n')).toThrow(
      /no skill column: map one with columns\.skill/,
    );
    expect(() => parseResponsesCsv('user_id,skill,correct\n', { columns: { item: 'problem' } })).toThrow(
      /no column "problem"/,
    );
  });

  it('reports an unclosed quote with its line', () => {
    expect(() => parseResponsesCsv('user_id,skill,correct\n"a,s,1\n')).toThrow(
      /line 2: a quoted field is never closed/,
    );
  });
});

describe('reading CSV a chunk at a time', () => {
  const cell = fc.oneof(
    fc.constantFrom('a', 'b', '1', '0', 'x y', ''),
    fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    fc.constantFrom('"with, comma"', '"two\nlines"', '"say ""hi"""', '"crlf\r\ninside"'),
  );
  const csvText = fc
    .record({
      bom: fc.boolean(),
      crlf: fc.boolean(),
      rows: fc.array(fc.tuple(cell, cell, fc.constantFrom('0', '1', 'true', '0.7', 'x'), cell), {
        maxLength: 30,
      }),
      trailingNewline: fc.boolean(),
    })
    .map(({ bom, crlf, rows, trailingNewline }) => {
      const eol = crlf ? '\r\n' : '\n';
      const lines = ['user_id,skill_name,correct,order_id', ...rows.map((r) => r.join(','))];
      return (bom ? '\ufeff' : '') + lines.join(eol) + (trailingNewline ? eol : '');
    });

  it('gives what reading the whole text gives, however the text is cut (property)', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const whole = (() => {
          try {
            return parseResponsesCsv(text, { onBadRow: 'skip' });
          } catch (error) {
            return (error as Error).message;
          }
        })();
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunked = (() => {
          try {
            const parser = createResponsesCsvParser({ onBadRow: 'skip' });
            let from = 0;
            for (const p of [...points, text.length]) {
              parser.push(text.slice(from, p));
              from = p;
            }
            return parser.end();
          } catch (error) {
            return (error as Error).message;
          }
        })();
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('gives the same rows and line numbers for a cut at every position of a CRLF file', () => {
    const text =
      '\ufeffuser_id,skill_name,correct\r\na,"s, 1",1\r\nb,"two\r\nlines",0\r\nc,s2,x\r\nd,"q""uote",1\r\n';
    const whole = parseResponsesCsv(text, { onBadRow: 'skip' });
    expect(whole.issues).toEqual([
      {
        line: 5,
        column: 'correct',
        value: 'x',
        reason: 'expected 0 or 1 (or true/false, or a score in [0, 1])',
      },
    ]);
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = createResponsesCsvParser({ onBadRow: 'skip' });
      parser.push(text.slice(0, cut));
      parser.push(text.slice(cut));
      expect(parser.end(), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('streams a file from disk with progress in bytes, and stops when aborted', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { readResponsesCsv } = await import('../node');
    const path = join(mkdtempSync(join(tmpdir(), 'pacekit-csv-')), 'big.csv');
    const lines = ['user_id,skill_name,correct'];
    for (let i = 0; i < 200_000; i++)
      lines.push(`learner-${i % 997},"skill, ${i % 13}",${i % 3 === 0 ? 0 : 1}`);
    const text = `${lines.join('\n')}\n`;
    writeFileSync(path, text);
    const progress: number[] = [];
    const streamed = await readResponsesCsv(path, { onProgress: (p) => progress.push(p.done) });
    expect(streamed).toEqual(parseResponsesCsv(text));
    expect(streamed.table.length).toBe(200_000);
    expect(progress.length).toBeGreaterThan(2); // about 6 MB read a megabyte at a time
    expect(progress.at(-1)).toBe(Buffer.byteLength(text));
    const controller = new AbortController();
    const aborted = readResponsesCsv(path, {
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
