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
  const { scheduler } = view.context;
  let best: { skillId: string; r: number } | undefined;
  for (const [skillId, m] of Object.entries(view.memory.skills)) {
    if (!view.graph.has(skillId) || view.skippedSkills.has(skillId) || !view.isMastered(skillId)) continue;
    const r = scheduler.retrievability(m.card, view.now);
    if (!best || r > best.r) best = { skillId, r };
  }
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
