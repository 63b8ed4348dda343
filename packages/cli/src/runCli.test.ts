import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureIo } from './__fixtures__/captureIo';
import { runCli } from './index';

/** A fresh folder for a test's files. */
const tempDir = () => mkdtempSync(join(tmpdir(), 'pacekit-cli-'));

// Two skills, learners who start wrong and then get it right: enough for EM and a real AUC.
function writeCsv(dir: string): string {
  const lines = ['user_id,skill_name,correct'];
  for (let learner = 0; learner < 60; learner++) {
    for (const skill of ['add', 'sub']) {
      const turn = (learner * 7 + (skill === 'add' ? 1 : 3)) % 6;
      for (let t = 0; t < 8; t++)
        lines.push(
          `s${learner},${skill},${t >= turn ? ((t + learner) % 9 === 0 ? 0 : 1) : (t + learner) % 5 === 0 ? 1 : 0}`,
        );
    }
  }
  const path = join(dir, 'train.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('pacekit fit / evaluate', () => {
  it('fits a model to a file and evaluates it, as text and as JSON', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir);
    const model = join(dir, 'model.json');
    const fit = captureIo();
    expect(
      await runCli(['fit', csv, '--forgets', '--restarts', '2', '--seed', '1', '--out', model], fit),
    ).toBe(0);
    expect(fit.err).toContain('Read 960 responses of 60 learners on 2 skills');
    expect(fit.err).toContain('Fitting skills: 2/2');
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(Object.keys(saved.skills)).toEqual(['add', 'sub']);
    expect(saved.variant.forgets).toBe(true);

    const text = captureIo();
    expect(await runCli(['evaluate', model, csv], text)).toBe(0);
    expect(text.out).toMatch(/^responses {2}960\nAUC {8}0\.\d{4}\n/);

    const json = captureIo();
    expect(await runCli(['evaluate', model, csv, '--json'], json)).toBe(0);
    const metrics = JSON.parse(json.out);
    expect(metrics.count).toBe(960);
    expect(metrics.auc).toBeGreaterThan(0.7);
    expect(metrics.calibration).toHaveLength(10);
  });

  it('fits --individualize with learner types and evaluates it online; --max-guess bounds P(G) and degenerate skills are reported', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir);
    const model = join(dir, 'model.json');
    const fit = captureIo();
    const args = ['fit', csv, '--individualize', '--learner-types', '3', '--max-guess', '0.3'];
    expect(await runCli([...args, '--restarts', '2', '--out', model], fit)).toBe(0);
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(saved.individual.typeWeights).toHaveLength(3);
    expect(saved.individual.types).toHaveLength(3);
    for (const params of Object.values(saved.skills) as { pGuess: number }[])
      expect(params.pGuess).toBeLessThan(0.3);
    // Every problem the model records is on standard error, by skill.
    for (const issue of saved.fit.health as { skillId: string; problem: string }[])
      expect(fit.err).toContain(`skill "${issue.skillId}": ${issue.problem}`);
    const json = captureIo();
    expect(await runCli(['evaluate', model, csv, '--json'], json)).toBe(0);
    expect(JSON.parse(json.out).auc).toBeGreaterThan(0.7);
    const bad = captureIo();
    expect(await runCli(['fit', csv, '--max-slip', '1.5'], bad)).toBe(2);
    expect(bad.err).toContain('--max-slip must be in (0, 1] (got "1.5")');
  });

  it('writes the model to standard output without --out, and the same seed gives the same model', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir);
    const a = captureIo();
    const b = captureIo();
    await runCli(['fit', csv, '--seed', '5', '--threads', '1'], a);
    await runCli(['fit', csv, '--seed', '5', '--threads', '2'], b);
    expect(JSON.parse(a.out).kind).toBe('bkt');
    // Any number of threads: the same model.
    expect(a.out).toBe(b.out);
    // SQUAREM is the default (`--accelerate` says so again); --plain-em fits by pyBKT's steps.
    const again = captureIo();
    const plain = captureIo();
    await runCli(['fit', csv, '--seed', '5', '--threads', '1', '--accelerate'], again);
    await runCli(['fit', csv, '--seed', '5', '--threads', '1', '--plain-em'], plain);
    expect(again.out).toBe(a.out);
    expect(plain.out).not.toBe(a.out);
    const ll = (io: { err: string }) => Number(/log-likelihood (-?[\d.]+)/.exec(io.err)?.[1]);
    expect(ll(a)).toBeGreaterThanOrEqual(ll(plain) - 0.005 * 3);
  });

  it('stops with exit code 130 when cancelled', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir);
    const cancel = new AbortController();
    cancel.abort();
    const io = captureIo({ signal: cancel.signal });
    expect(await runCli(['fit', csv], io)).toBe(130);
    expect(io.err).toContain('pacekit fit: cancelled');
    expect(io.out).toBe('');
  });

  it('exits 1 naming the line, column and value of a bad CSV row', async () => {
    const dir = tempDir();
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'user_id,skill_name,correct\na,s,1\na,s,maybe\n');
    const io = captureIo();
    expect(await runCli(['fit', csv], io)).toBe(1);
    expect(io.err).toContain('CSV line 3, column "correct"');
    expect(io.err).toContain('"maybe"');
  });

  it('exits 1 for a missing file and for a model that is not a BKT model', async () => {
    const dir = tempDir();
    const csv = writeCsv(dir);
    const missing = captureIo();
    expect(await runCli(['fit', join(dir, 'nope.csv')], missing)).toBe(1);
    expect(missing.err).toContain('nope.csv');
    const model = join(dir, 'model.json');
    writeFileSync(model, '{"kind":"bkt","schemaVersion":1,"skills":{"add":{"pInit":2}}}');
    const bad = captureIo();
    expect(await runCli(['evaluate', model, csv], bad)).toBe(1);
    expect(bad.err).toContain('"skills.add.pInit"');
    writeFileSync(model, 'not json');
    const notJson = captureIo();
    expect(await runCli(['evaluate', model, csv], notJson)).toBe(1);
    expect(notJson.err).toContain('is not JSON');
  });

  it('exits 2 for a wrong command line, naming what is wrong', async () => {
    const io = captureIo();
    expect(await runCli(['fit'], io)).toBe(2);
    expect(io.err).toContain('fit takes one CSV file');
    const flag = captureIo();
    expect(await runCli(['fit', 'x.csv', '--restarts', 'many'], flag)).toBe(2);
    expect(flag.err).toContain('--restarts must be an integer ≥ 1 (got "many")');
    const threads = captureIo();
    expect(await runCli(['fit', 'x.csv', '--threads', '0'], threads)).toBe(2);
    expect(threads.err).toContain('--threads must be an integer ≥ 1 (got "0")');
    const both = captureIo();
    expect(await runCli(['fit', 'x.csv', '--accelerate', '--plain-em'], both)).toBe(2);
    expect(both.err).toContain('--accelerate and --plain-em contradict each other');
    const unknown = captureIo();
    expect(await runCli(['frobnicate'], unknown)).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    const unknownFlag = captureIo();
    expect(await runCli(['fit', 'x.csv', '--nope'], unknownFlag)).toBe(2);
    expect(unknownFlag.err).toBe(
      'pacekit fit: unknown option --nope\nRun "pacekit fit --help" for its options.\n',
    );
  });

  it('explains flags in its own words: the flag meant, a missing value, an extra argument', async () => {
    const typo = captureIo();
    expect(await runCli(['fit', 'x.csv', '--restart', '3'], typo)).toBe(2);
    expect(typo.err).toContain('unknown option --restart (did you mean --restarts?)');
    const missing = captureIo();
    expect(await runCli(['fit', 'x.csv', '--out'], missing)).toBe(2);
    expect(missing.err).toContain('pacekit fit: --out needs a value');
    const extra = captureIo();
    expect(await runCli(['calibrate', 'a.csv', '--json=yes'], extra)).toBe(2);
    expect(extra.err).toContain('--json takes no value');
  });

  it('lists every option of each command in its --help, with its default', async () => {
    const columns = ['--learner', '--skill', '--correct', '--item', '--order', '--class', '--skip-bad-rows'];
    const options: Record<string, string[]> = {
      fit: [
        '--forgets',
        '--individualize',
        '--learner-types N    learner types when individualizing (default 8)',
        '--max-guess',
        '--max-slip',
        '--item-guess-slip',
        '--item-learn',
        '--class-prior',
        '--restarts N         random restarts per skill (default 5)',
        '--seed S             seed of the restarts (default 0)',
        '--max-iterations',
        '--tolerance',
        '--plain-em',
        '--accelerate',
        '--threads',
        '--out',
        ...columns,
      ],
      evaluate: ['--json', ...columns],
      calibrate: [
        '--model 1pl|2pl|3pl  the IRT model (default 2pl)',
        '--quadrature N       Gauss-Hermite quadrature points (default 21; 5 to 201)',
        '--out',
        '--json',
      ],
      score: ['--json'],
    };
    for (const [command, expected] of Object.entries(options)) {
      const io = captureIo();
      expect(await runCli([command, '--help'], io)).toBe(0);
      for (const option of expected) expect(io.out, `${command} --help`).toContain(option);
    }
  });

  it('prints its version', async () => {
    const io = captureIo({ version: '1.2.3' });
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.out).toBe('1.2.3\n');
  });

  it('checks --out before reading or fitting anything', async () => {
    const dir = tempDir();
    // The CSV does not exist either: the --out problem is reported first, before any reading.
    const folder = captureIo();
    expect(await runCli(['fit', join(dir, 'missing.csv'), '--out', dir], folder)).toBe(2);
    expect(folder.err).toBe(`pacekit fit: --out ${dir} is a folder, not a file\n`);
    const nowhere = captureIo();
    const path = join(dir, 'no', 'such', 'model.json');
    expect(await runCli(['calibrate', join(dir, 'missing.csv'), '--out', path], nowhere)).toBe(2);
    expect(nowhere.err).toContain(
      `the folder ${join(dir, 'no', 'such')} does not exist or cannot be written`,
    );
  });

  it('names a missing column by the flag that maps it', async () => {
    const dir = tempDir();
    const csv = join(dir, 'odd.csv');
    writeFileSync(csv, 'pupil,topic,ok\ns1,add,1\n');
    const io = captureIo();
    expect(await runCli(['fit', csv], io)).toBe(1);
    expect(io.err).toContain('CSV header has no learner column: name it with --learner "Column name"');
    const mapped = captureIo();
    expect(await runCli(['fit', csv, '--learner', 'learner'], mapped)).toBe(1);
    expect(mapped.err).toContain('CSV header has no column "learner" (given with --learner)');
  });
});
