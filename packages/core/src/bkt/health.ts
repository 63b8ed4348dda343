import { bktMasteryCeiling, bktPosterior, bktPredict, bktTransition } from './math';
import type { BktSkillParams } from './params';

/** A skill whose fitted parameters a product should not pace with as they are. */
export interface SkillHealthIssue {
  /** The skill. */
  skillId: string;
  /**
   * `no-learning`: P(T) ≈ 0, practice never teaches it; `no-guess`: P(G) ≈ 0, one right answer
   * proves mastery; `guess-at-bound` / `slip-at-bound`: the fit pressed against the bound on
   * P(G) / P(S) (raise `maxGuess`/`maxSlip` or look at the skill's data); `mastery-capped`:
   * forgetting keeps P(L) below the mastery threshold whatever the learner answers;
   * `flat-predictions`: P(correct) hardly moves between a learner who answers everything right
   * and one who answers everything wrong (a collapsed fit: it cannot tell learners apart).
   */
  problem:
    | 'no-learning'
    | 'no-guess'
    | 'guess-at-bound'
    | 'slip-at-bound'
    | 'mastery-capped'
    | 'flat-predictions';
  /** The number behind it (the parameter, the ceiling, or the spread of predictions). */
  value: number;
}

/** How far P(correct) can move: after 20 right answers versus after 20 wrong ones, from the prior. */
function predictionSpread(p: BktSkillParams): number {
  let right = p.pInit;
  let wrong = p.pInit;
  for (let i = 0; i < 20; i++) {
    right = bktTransition(bktPosterior(right, 1, p.pGuess, p.pSlip), p.pLearn, p.pForget);
    wrong = bktTransition(bktPosterior(wrong, 0, p.pGuess, p.pSlip), p.pLearn, p.pForget);
  }
  return bktPredict(right, p.pGuess, p.pSlip) - bktPredict(wrong, p.pGuess, p.pSlip);
}

/**
 * The problems of one skill's fitted parameters (empty when it is sound): see
 * {@link SkillHealthIssue}. `masteryThreshold` defaults to 0.95.
 */
export function checkSkillParams(
  skillId: string,
  p: BktSkillParams,
  bounds: { maxGuess: number; maxSlip: number; masteryThreshold?: number },
): SkillHealthIssue[] {
  const issues: SkillHealthIssue[] = [];
  const near = 1e-3;
  if (p.pLearn < near) issues.push({ skillId, problem: 'no-learning', value: p.pLearn });
  if (p.pGuess < near) issues.push({ skillId, problem: 'no-guess', value: p.pGuess });
  if (p.pGuess >= bounds.maxGuess - near)
    issues.push({ skillId, problem: 'guess-at-bound', value: p.pGuess });
  if (p.pSlip >= bounds.maxSlip - near) issues.push({ skillId, problem: 'slip-at-bound', value: p.pSlip });
  const ceiling = bktMasteryCeiling(p);
  if (ceiling < (bounds.masteryThreshold ?? 0.95))
    issues.push({ skillId, problem: 'mastery-capped', value: ceiling });
  const spread = predictionSpread(p);
  if (spread < 0.1) issues.push({ skillId, problem: 'flat-predictions', value: spread });
  return issues;
}
