import { describe, expect, it } from 'vitest';
import { checkSkillParams } from './health';

const bounds = { maxGuess: 0.5, maxSlip: 0.5 };
const sound = { pInit: 0.3, pLearn: 0.15, pForget: 0, pGuess: 0.2, pSlip: 0.1 };
const problems = (p: typeof sound) => checkSkillParams('s', p, bounds).map((i) => i.problem);

describe('checkSkillParams', () => {
  it('finds nothing wrong with sound parameters', () => {
    expect(checkSkillParams('s', sound, bounds)).toEqual([]);
  });

  it('names each degenerate parameter with its value', () => {
    expect(checkSkillParams('s', { ...sound, pLearn: 0 }, bounds)).toContainEqual({
      skillId: 's',
      problem: 'no-learning',
      value: 0,
    });
    expect(problems({ ...sound, pGuess: 1e-6 })).toContain('no-guess');
    expect(problems({ ...sound, pGuess: 0.4999995 })).toContain('guess-at-bound');
    expect(problems({ ...sound, pSlip: 0.4999995 })).toContain('slip-at-bound');
  });

  it('reports forgetting that keeps P(L) below the threshold, with the ceiling', () => {
    // Fixed point of right answers with G = 0.2, S = 0.1, T = 0.15, F = 0.2:
    // x = 0.15 + 0.65 · 0.9x / (0.7x + 0.2)  ⇔  0.7x² − 0.49x − 0.03 = 0  ⇔  x = (0.49 + √0.3241) / 1.4.
    const [issue] = checkSkillParams('s', { ...sound, pForget: 0.2 }, bounds);
    expect(issue!.problem).toBe('mastery-capped');
    expect(issue!.value).toBeCloseTo((0.49 + Math.sqrt(0.3241)) / 1.4, 6);
  });

  it('reports a collapsed fit whose predictions hardly move', () => {
    // Guess and slip both at the 0.5 bound: every prediction is 0.5 whatever the learner answers.
    expect(problems({ ...sound, pGuess: 0.49, pSlip: 0.49 })).toContain('flat-predictions');
  });
});
