import { createRandom } from '@pacekit/core';
import { type Choice, chooseItem } from './chooseItem';
import type { Recommendation } from './next';
import type { Reason } from './reasons';
import type { Candidate, PolicyView } from './view';

interface Scored {
  choice: Choice;
  score: number;
  tie: number;
}

/**
 * Chooses each candidate's item and ranks them by value per minute (the candidate's value over
 * the item's minutes), plus the item's fit and a pin's bonus, less a little for the skill
 * practised last (interleaving). Each skill appears once, with its best activity and the
 * reasons of its others; ties break by the seed.
 *
 * Items are chosen best-first by an upper bound of each candidate's score, and choosing stops
 * once no remaining candidate could enter the top `limit`: on a large course most candidates
 * (a hundred due reviews, say) never need their items scored.
 */
export function rank(view: PolicyView, candidates: readonly Candidate[], limit: number): Recommendation[] {
  const { tuning, catalog } = view;
  const random = createRandom(view.options.seed);
  const fitCeiling = tuning.interest + tuning.modality + Math.max(0, -tuning.repeat);
  const bounded = candidates.map((candidate) => {
    let minutes = Number.POSITIVE_INFINITY;
    const pool =
      candidate.itemId !== undefined
        ? [catalog.get(candidate.itemId)]
        : catalog.itemsForSkill(candidate.skillId);
    for (const item of pool) minutes = Math.min(minutes, item.durationSeconds / 60);
    return { candidate, bound: candidate.value / minutes + fitCeiling + (candidate.bonus ?? 0) };
  });
  bounded.sort((a, b) => b.bound - a.bound);
  const bestBySkill = new Map<string, Scored>();
  const top: number[] = []; // best score of each skill, highest first, at most `limit`
  for (const { candidate, bound } of bounded) {
    if (top.length >= limit && bound < top[limit - 1]!) break;
    const choice = chooseItem(view, candidate);
    if (!choice) continue;
    const minutes = choice.item.durationSeconds / 60;
    const repeat = candidate.skillId === view.lastSkill && candidate.kind !== 'review' ? tuning.repeat : 0;
    const scored = {
      choice,
      score: candidate.value / minutes + choice.fit + (candidate.bonus ?? 0) - repeat,
      tie: random.next(),
    };
    const known = bestBySkill.get(candidate.skillId);
    if (known && (known.score > scored.score || (known.score === scored.score && known.tie < scored.tie)))
      continue;
    bestBySkill.set(candidate.skillId, scored);
    if (known) top.splice(top.indexOf(known.score), 1);
    top.splice(sortedIndex(top, scored.score), 0, scored.score);
  }
  const ranked = [...bestBySkill.values()].sort((a, b) => b.score - a.score || a.tie - b.tie).slice(0, limit);
  // What a skill's other activities were for is said too (a review of a prerequisite that is
  // also in doubt is a check as well).
  return ranked.map(({ choice, score }) => {
    const reasons: Reason[] = [...choice.reasons];
    for (const other of candidates) {
      if (other === choice.candidate || other.skillId !== choice.candidate.skillId) continue;
      for (const reason of other.reasons)
        if (!reasons.some((r) => r.code === reason.code)) reasons.push(reason);
    }
    return {
      itemId: choice.item.id,
      skillId: choice.candidate.skillId,
      kind: choice.candidate.kind,
      predictedSuccess: choice.predictedSuccess,
      score,
      reasons,
    };
  });
}

/** Where `score` goes in `top` (highest first). */
function sortedIndex(top: readonly number[], score: number): number {
  let i = 0;
  while (i < top.length && top[i]! >= score) i++;
  return i;
}
