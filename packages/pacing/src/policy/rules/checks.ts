import { getOwn } from '@pacekit/core';
import type { Candidate, PolicyView } from '../view';

/** Aim of a prerequisite check: an ordinary item of a skill believed mastered. */
export const CHECK_AIM = 0.9;

/**
 * Prerequisite checks, only where one can change the decision. Misses in a row on a ready skill
 * are evidence that a prerequisite is not really known: its odds of not being known,
 * `(1 − P(L)) / P(L)`, are multiplied by `tuning.missEvidence` per miss. A check is offered when
 * a wrong answer would take the prerequisite below the mastery threshold (so the plan would
 * change), the prerequisite was not verified by a right answer within `tuning.verifiedHours`,
 * and it is worth `tuning.check × P(not known)`.
 */
export function checks(view: PolicyView): Candidate[] {
  const { learner } = view.context;
  const out: Candidate[] = [];
  for (const dependantId of view.ready()) {
    const struggle = view.struggle(dependantId);
    if (!struggle || struggle.missesInRow < 2) continue;
    for (const { skillId } of view.graph.prerequisitesOf(dependantId)) {
      if (view.skippedSkills.has(skillId) || view.verified(skillId)) continue;
      if (getOwn(view.state.skills, skillId)?.override === 'mastered') continue;
      const p = view.mastery(skillId);
      if (learner.bkt.update(skillId, p, false) >= learner.masteryThreshold) continue;
      const odds = ((1 - p) / Math.max(p, 1e-9)) * view.tuning.missEvidence ** struggle.missesInRow;
      const pNotKnown = odds / (1 + odds);
      out.push({
        skillId,
        kind: 'remediate',
        value: view.tuning.check * pNotKnown,
        reasons: [
          {
            code: 'prerequisite-check',
            flaggedAt: struggle.since,
            dependantId,
            failures: struggle.missesInRow,
            pNotKnown,
          },
        ],
        aim: CHECK_AIM,
      });
    }
  }
  return out;
}
