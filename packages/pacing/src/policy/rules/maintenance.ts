import type { Candidate, PolicyView } from '../view';
import { REVIEW_AIM } from './reviews';

/** Everything mastered and nothing due: maintenance reviews of the weakest memories. */
export function maintenance(view: PolicyView): Candidate[] {
  const { scheduler } = view.context;
  const out: Candidate[] = [];
  for (const [skillId, m] of Object.entries(view.memory.skills)) {
    if (!view.graph.has(skillId) || view.skippedSkills.has(skillId)) continue;
    const r = scheduler.retrievability(m.card, view.now);
    out.push({
      skillId,
      kind: 'review',
      value: view.tuning.review * (1 - r) * 0.1,
      reasons: [{ code: 'all-mastered', retrievability: r }],
      aim: REVIEW_AIM,
    });
  }
  return out;
}
