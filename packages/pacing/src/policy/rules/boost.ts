import { struggleOf } from '../struggle';
import type { Candidate, PolicyView } from '../view';

/**
 * Whether the learner is one quick wins are for (`tuning.boostFor`): with `'early-stoppers'`, a
 * learner in their first session, one who reported frustration lately, one flagged as needing
 * help, or one who stopped a session early in a run of misses within the last
 * `tuning.boostSessions` sessions.
 */
function wantsQuickWins(view: PolicyView): boolean {
  if (view.tuning.boostFor === 'everyone' || view.mood === 'frustrated') return true;
  const struggle = struggleOf(view.state);
  // Flagged for a teacher: a run of failure without progress, until a person steps in.
  if (struggle.skills.some((s) => s.needsHelpAt !== null)) return true;
  const session = struggle.session;
  if (!session || session.ended === 0) return true;
  return session.earlyStopAt !== null && session.ended - session.earlyStopAt < view.tuning.boostSessions;
}

/**
 * A quick win after a run of misses: at `tuning.boostAfter` misses in a row (across skills, once a run),
 * a review of the mastered skill the learner is likeliest to answer right now (its memory the
 * strongest), worth `tuning.boost`. Protects the confidence of learners who give up after
 * misses (`tuning.boostFor`); the others keep the minute for learning.
 */
export function boost(view: PolicyView): Candidate[] {
  const { boostAfter } = view.tuning;
  const missesInRow = struggleOf(view.state).missesInRow;
  // Once per run of misses: a quick win that was missed is not offered again straight away.
  if (boostAfter === 0 || missesInRow !== boostAfter || !wantsQuickWins(view)) return [];
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
