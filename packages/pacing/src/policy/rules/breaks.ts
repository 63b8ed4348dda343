import { struggleOf } from '../struggle';
import type { Candidate, PolicyView } from '../view';
import { REVIEW_AIM } from './reviews';

/**
 * Something else during a break from a skill: a review of a mastered skill (the one whose memory
 * has faded most), due or not — a success the learner can have while the skill they missed
 * waits. Worth `tuning.breakReview`, more than the skill on a break.
 */
export function breaks(view: PolicyView): Candidate[] {
  const episode = struggleOf(view.state).skills.find(
    (s) => view.graph.has(s.skillId) && view.onBreak(s.skillId),
  );
  if (!episode) return [];
  const { scheduler } = view.context;
  let best: { skillId: string; r: number } | undefined;
  for (const [skillId, m] of Object.entries(view.memory.skills)) {
    if (skillId === episode.skillId || !view.graph.has(skillId) || view.skippedSkills.has(skillId)) continue;
    if (!view.isMastered(skillId)) continue;
    const r = scheduler.retrievability(m.card, view.now);
    if (!best || r < best.r) best = { skillId, r };
  }
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
