import { getOwn } from '@pacekit/core';
import type { Reason } from '../reasons';
import { teacherOf } from '../teacher';
import type { Candidate, PolicyView } from '../view';
import { currentBreak } from './breaks';

const DAY = 86_400_000;

/**
 * What mastering `skillId` now would be worth beyond its own P(L): when one right answer would
 * take it over the threshold, P(right) × (its learn rate + the learning value of each dependant
 * it would make ready). Gains in P(L) alone undervalue confirming a skill that is nearly
 * mastered, whose worth is what it unlocks.
 */
function unlockValue(view: PolicyView, skillId: string, pMastery: number): number {
  const { learner } = view.context;
  if (learner.bkt.update(skillId, pMastery, true) < learner.masteryThreshold) return 0;
  let unlocked = learner.bkt.params(skillId).pLearn;
  for (const d of view.graph.dependantsOf(skillId)) {
    if (view.isMastered(d)) continue;
    if (view.graph.prerequisitesOf(d).every((p) => p.skillId === skillId || view.isMastered(p.skillId)))
      unlocked += (1 - view.mastery(d)) * learner.bkt.params(d).pLearn;
  }
  return learner.bkt.predict(skillId, pMastery) * unlocked;
}

/**
 * New learning on the outer fringe, valued by the expected gain in mastery from one attempt,
 * `(1 − P(L)) × pLearn` (the BKT posterior is a martingale, so this is the expected rise of
 * P(L)), more toward a goal and as its deadline nears. How the learner is doing shapes the
 * attempt: after `struggleAfter` misses in a row an easier item that is not the one just missed
 * (`remediate`); on a break or when help is needed the skill waits while anything else is
 * worth doing; low confidence or a frustrated mood start easier; a run of successes or boredom
 * earns a harder item (`challenge`).
 */
export function learning(view: PolicyView): Candidate[] {
  const { options, tuning, state } = view;
  const out: Candidate[] = [];
  const onBreak = currentBreak(view);
  // A teacher's sequence: its first skill not yet mastered comes first when it is ready.
  const sequence = teacherOf(state).sequence?.filter((id) => view.graph.has(id));
  const nextInSequence = sequence?.findIndex((id) => !view.isMastered(id)) ?? -1;
  for (const skillId of view.ready()) {
    const params = view.context.learner.bkt.params(skillId);
    const prerequisites = view.graph.prerequisitesOf(skillId).map((p) => p.skillId);
    const reasons: Reason[] = [{ code: 'ready-to-learn', prerequisites }];
    const pMastery = view.mastery(skillId);
    let value = (1 - pMastery) * Math.max(params.pLearn, 1e-3);
    if (tuning.unlock > 0) value += tuning.unlock * unlockValue(view, skillId, pMastery);
    const goal = view.goalOf.get(skillId);
    if (goal) {
      reasons.push({ code: 'toward-goal', goalId: goal.goalId, deadline: goal.deadline });
      let boost = tuning.goal;
      if (goal.deadline !== null)
        boost += tuning.deadline * Math.min(1, Math.max(0, 1 - (goal.deadline - view.now) / (30 * DAY)));
      value *= 1 + boost;
    }
    const struggle = view.struggle(skillId);
    const confidence = view.confidence(skillId);
    const streak = getOwn(state.skills, skillId)?.streak ?? 0;
    const candidate: Candidate = { skillId, kind: 'learn', value, reasons, aim: options.targetSuccess };
    if (struggle && (view.onBreak(skillId) || struggle.missesInRow >= view.struggleAfter)) {
      candidate.kind = 'remediate';
      candidate.aim = tuning.easierAim;
      candidate.avoidItemId = struggle.lastMissedItemId;
      if (view.onBreak(skillId)) candidate.value *= tuning.onBreak;
      const failures = struggle.missesInRow;
      if (failures > 0) reasons.unshift({ code: 'after-struggle', skillId, failures, confidence });
      if (struggle.needsHelpAt !== null)
        reasons.unshift({
          code: 'needs-help',
          skillId,
          since: struggle.needsHelpAt,
          attempts: struggle.attempts,
        });
    } else if (confidence !== null && confidence < options.lowConfidence) {
      candidate.aim = tuning.easierAim;
      reasons.unshift({ code: 'low-confidence', skillId, confidence });
    } else if (view.mood === 'frustrated' || view.mood === 'confused') {
      candidate.aim = tuning.easierAim;
      reasons.push({ code: 'mood', mood: view.mood });
    } else if (streak >= options.challengeAfter || view.mood === 'bored') {
      candidate.kind = 'challenge';
      candidate.aim = Math.max(0.05, options.targetSuccess - tuning.challengeStretch);
      reasons.unshift(
        streak >= options.challengeAfter
          ? { code: 'after-success-streak', streak }
          : { code: 'mood', mood: 'bored' },
      );
    }
    if (onBreak && onBreak.skillId !== skillId && candidate.kind !== 'remediate')
      reasons.unshift({
        code: 'taking-a-break',
        fromSkillId: onBreak.skillId,
        failures: onBreak.missesInRow,
        attemptsLeft: onBreak.breakLeft,
      });
    if (sequence && nextInSequence >= 0 && sequence[nextInSequence] === skillId) {
      candidate.bonus = tuning.pinned / 4;
      reasons.unshift({ code: 'teacher-sequence', step: nextInSequence + 1, of: sequence.length });
    }
    out.push(candidate);
  }
  return out;
}
