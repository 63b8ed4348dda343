import { type SkillStruggle, struggleOf } from '../struggle';
import type { Candidate, PolicyView } from '../view';
import { REVIEW_AIM } from './reviews';

/** The struggle episode the learner is taking a break from, if any. */
export const currentBreak = (view: PolicyView): SkillStruggle | undefined =>
  struggleOf(view.state).skills.find((s) => view.graph.has(s.skillId) && view.onBreak(s.skillId));

/**
 * Something else during a break from a skill: a review of a mastered skill (the one whose memory
 * has faded most), due or not — a success the learner can have while the skill they missed
 * waits. Worth `tuning.breakReview`, more than the skill on a break.
 */
export function breaks(view: PolicyView): Candidate[] {
  const episode = currentBreak(view);
  if (!episode) return [];
  const best = view
    .masteredRecall()
    .filter((m) => m.skillId !== episode.skillId)
    .sort((a, b) => a.r - b.r)[0];
  if (!best) return [];
  return [
    {
      skillId: best.skillId,
      kind: 'review',
      value: view.tuning.breakReview,
      reasons: [
        {
          code: 'taking-a-break',
          fromSkillId: episode.skillId,
          failures: episode.missesInRow,
          attemptsLeft: episode.breakLeft,
        },
      ],
      aim: REVIEW_AIM,
    },
  ];
}
