import { createRandom } from '@pacekit/core';
import type { Choice } from './chooseItem';
import type { Recommendation } from './next';
import type { Reason } from './reasons';
import type { PolicyView } from './view';

/**
 * Ranks chosen items by value per minute (the candidate's value over the item's minutes), plus
 * the item's fit and a pin's bonus, less a little for the skill practised last (interleaving).
 * Each skill appears once, with its best activity and the reasons of its others; ties break by
 * the seed.
 */
export function rank(view: PolicyView, choices: readonly Choice[]): Recommendation[] {
  const random = createRandom(view.options.seed);
  const scored = choices.map((c) => {
    const minutes = c.item.durationSeconds / 60;
    const repeat =
      c.candidate.skillId === view.lastSkill && c.candidate.kind !== 'review' ? view.tuning.repeat : 0;
    return {
      choice: c,
      score: c.candidate.value / minutes + c.fit + (c.candidate.bonus ?? 0) - repeat,
      tie: random.next(),
    };
  });
  scored.sort((a, b) => b.score - a.score || a.tie - b.tie);
  // Each skill once, with its best activity; what the skill's other activities were for is
  // said too (a review of a prerequisite that is also in doubt is a check as well).
  const best = new Map<string, { choice: Choice; score: number; reasons: Reason[] }>();
  for (const { choice, score } of scored) {
    const known = best.get(choice.candidate.skillId);
    if (!known) {
      best.set(choice.candidate.skillId, { choice, score, reasons: [...choice.reasons] });
      continue;
    }
    for (const reason of choice.candidate.reasons)
      if (!known.reasons.some((r) => r.code === reason.code)) known.reasons.push(reason);
  }
  const out: Recommendation[] = [];
  for (const { choice, score, reasons } of best.values()) {
    out.push({
      itemId: choice.item.id,
      skillId: choice.candidate.skillId,
      kind: choice.candidate.kind,
      predictedSuccess: choice.predictedSuccess,
      score,
      reasons,
    });
  }
  return out;
}
