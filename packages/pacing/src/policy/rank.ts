import { createRandom } from '@pacekit/core';
import type { Choice } from './chooseItem';
import type { Recommendation } from './next';
import type { PolicyView } from './view';

/**
 * Ranks chosen items by value per minute (the candidate's value over the item's minutes), plus
 * the item's fit and a pin's bonus, less a little for the skill practised last (interleaving).
 * Each skill appears once, with its best activity; ties break by the seed.
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
  const seen = new Set<string>();
  const out: Recommendation[] = [];
  for (const { choice, score } of scored) {
    if (seen.has(choice.candidate.skillId)) continue;
    seen.add(choice.candidate.skillId);
    out.push({
      itemId: choice.item.id,
      skillId: choice.candidate.skillId,
      kind: choice.candidate.kind,
      predictedSuccess: choice.predictedSuccess,
      score,
      reasons: choice.reasons,
    });
  }
  return out;
}
