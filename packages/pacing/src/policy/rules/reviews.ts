import type { Candidate, PolicyView } from '../view';

/** Aim of a review: a mastered skill should be answered right. */
export const REVIEW_AIM = 0.9;

/**
 * Reviews of mastered skills whose recall has fallen to `tuning.reviewRetention`, valued by the
 * recall they would save: `tuning.review × (1 − retrievability)`. A review that is just due is
 * worth less than a fresh skill to learn, an overdue one more, so reviews wait while learning
 * pays and never let memory sink far.
 */
export function reviews(view: PolicyView): Candidate[] {
  const { scheduler } = view.context;
  const out: Candidate[] = [];
  for (const [skillId, m] of Object.entries(view.memory.skills)) {
    if (!view.graph.has(skillId) || view.skippedSkills.has(skillId)) continue;
    // Before its due date a card's recall is above the scheduler's desired retention.
    if (m.card.due > view.now && view.tuning.reviewRetention <= scheduler.desiredRetention) continue;
    if (!view.isMastered(skillId)) continue;
    const r = scheduler.retrievability(m.card, view.now);
    if (r > view.tuning.reviewRetention) continue;
    out.push({
      skillId,
      kind: 'review',
      value: view.tuning.review * (1 - r),
      reasons: [
        {
          code: 'due-review',
          retrievability: r,
          desiredRetention: view.tuning.reviewRetention,
          dueAt: m.card.due,
        },
      ],
      aim: REVIEW_AIM,
    });
  }
  return out;
}
