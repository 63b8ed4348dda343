import { describe, expect, it } from 'vitest';
import { PacekitError } from '../errors';
import { forEachCsvRecord, parseResponsesCsv } from './csv';

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
