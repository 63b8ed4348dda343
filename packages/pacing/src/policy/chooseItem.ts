import type { Item } from '@pacekit/core';
import { getOwn } from '@pacekit/core';
import type { Reason } from './reasons';
import type { Candidate, PolicyView } from './view';

/** A candidate with its item chosen, before ranking. */
export interface Choice {
  candidate: Candidate;
  item: Item;
  predictedSuccess: number;
  /** How well the item fits: closeness to the aim, interests, modality. */
  fit: number;
  reasons: Reason[];
}

/**
 * Chooses a candidate's item: the one whose predicted success is closest to the aim, lifted by
 * the learner's interests and preferred modalities, preferring one not seen yet. The item just
 * done, and the one just missed, come back only when the skill has no other. Teaching items
 * (`tuning.instructionModalities`) serve only instruction candidates, a pin, a learner who
 * prefers their modality, or an app that asks for it.
 */
export function chooseItem(view: PolicyView, candidate: Candidate): Choice | undefined {
  const { catalog, tuning, state } = view;
  const pinned = candidate.itemId;
  const pool = pinned !== undefined ? [catalog.get(pinned)] : catalog.itemsForSkill(candidate.skillId);
  const interests = state.interests;
  const modalities = state.preferredModalities;
  let best: Item | undefined;
  let bestRank = Number.NEGATIVE_INFINITY;
  let bestFit = 0;
  let bestP = 0;
  for (const item of pool) {
    // A teacher's pin wins over a skip; items already planned this session are never repeated.
    if (pinned === undefined ? view.skippedItems.has(item.id) : view.exclude.has(item.id)) continue;
    if (view.options.modalities && !view.options.modalities.includes(item.modality)) continue;
    // An instruction candidate takes only teaching items (lessons, worked examples, videos); any
    // other takes them only when a teacher pinned one, the learner prefers the modality or the
    // app asked for it (those passed the check above).
    if (
      candidate.modalities
        ? !candidate.modalities.includes(item.modality)
        : pinned === undefined &&
          !view.options.modalities &&
          !modalities.includes(item.modality) &&
          tuning.instructionModalities.includes(item.modality)
    )
      continue;
    const p = view.predict(item);
    let fit = -tuning.offTarget * Math.abs(p - candidate.aim);
    if (interests.length > 0 && item.topics.some((t) => interests.includes(t))) fit += tuning.interest;
    if (modalities.includes(item.modality)) fit += tuning.modality;
    let rank = fit - Math.abs(p - candidate.aim);
    if (getOwn(state.items, item.id) !== undefined) rank -= 1e-3;
    if (item.id === view.lastItem || item.id === candidate.avoidItemId) rank -= 10;
    if (rank > bestRank) {
      best = item;
      bestRank = rank;
      bestFit = fit;
      bestP = p;
    }
  }
  if (!best) return undefined;
  const reasons = [...candidate.reasons];
  if (candidate.modalities)
    reasons.unshift({ code: 'instruction', skillId: candidate.skillId, modality: best.modality });
  if (
    (candidate.kind === 'learn' || candidate.kind === 'challenge') &&
    Math.abs(bestP - candidate.aim) <= tuning.targetTolerance
  )
    reasons.push({ code: 'at-target-difficulty', predictedSuccess: bestP, targetSuccess: candidate.aim });
  const topics = best.topics.filter((t) => interests.includes(t));
  if (topics.length > 0) reasons.push({ code: 'matches-interest', topics });
  if (modalities.includes(best.modality))
    reasons.push({ code: 'preferred-modality', modality: best.modality });
  return { candidate, item: best, predictedSuccess: bestP, fit: bestFit, reasons };
}
