import { struggleOf } from '../struggle';
import type { Candidate, PolicyView } from '../view';

/**
 * A quick win after a run of misses: at `tuning.boostAfter` misses in a row (across skills, once a run),
 * a review of the mastered skill the learner is likeliest to answer right now (its memory the
 * strongest), worth `tuning.boost`. Protects the learner's confidence before they give up.
 */
export function boost(view: PolicyView): Candidate[] {
  const { boostAfter } = view.tuning;
  const missesInRow = struggleOf(view.state).missesInRow;
  // Once per run of misses: a quick win that was missed is not offered again straight away.
  if (boostAfter === 0 || missesInRow !== boostAfter) return [];
  const best = view.masteredRecall().sort((a, b) => b.r - a.r)[0];
  if (!best) return [];
  return [
    {
      skillId: best.skillId,
      kind: 'review',
      value: view.tuning.boost,
      reasons: [{ code: 'confidence-boost', missesInRow }],
      aim: 1,
    },
  ];
}
