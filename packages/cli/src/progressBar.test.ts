import { describe, expect, it } from 'vitest';
import { captureIo } from './__fixtures__/captureIo';
import { formatSeconds, progressBar } from './progressBar';

describe('progressBar', () => {
  it('prints a line per tenth with the time elapsed and, at the pace so far, the time left', () => {
    let t = 1000;
    const io = captureIo({ now: () => t });
    const report = progressBar(io, 'Fitting skills');
    report({ phase: 'fit', done: 0, total: 4 });
    t = 3000;
    report({ phase: 'fit', done: 1, total: 4 });
    t = 3500;
    report({ phase: 'fit', done: 1, total: 4 }); // the same tenth: no line
    t = 10_000;
    report({ phase: 'fit', done: 4, total: 4 });
    expect(io.err).toBe(
      'Fitting skills: 0/4, 0.0 s\nFitting skills: 1/4, 2.0 s, about 6.0 s left\nFitting skills: 4/4, 9.0 s\n',
    );
  });

  it('redraws one line on a terminal', () => {
    let t = 0;
    const io = captureIo({ now: () => t, stderrIsTty: true });
    const report = progressBar(io, 'Reading');
    t = 500;
    report({ phase: 'read', done: 1, total: 2 });
    expect(io.err).toBe('\rReading [##############..............] 1/2, 0.5 s, about 0.5 s left\u001b[K');
  });

  it('writes minutes past a minute', () => {
    expect(formatSeconds(59.94)).toBe('59.9 s');
    expect(formatSeconds(185.4)).toBe('3 min 05 s');
  });
});
