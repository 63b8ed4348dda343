// The BKT arithmetic shared by the online model, evaluation and simulation: one copy only.

/** P(correct) given P(L) before the response. @internal */
export function bktPredict(pL: number, pGuess: number, pSlip: number): number {
  return pL * (1 - pSlip) + (1 - pL) * pGuess;
}

/**
 * P(L) after observing a response, before any transition (Bayes' rule). A fractional `response`
 * in [0, 1] is soft evidence (Jeffrey's rule): the posteriors given correct and given wrong are
 * mixed in proportion `response : 1 − response`.
 *
 * @internal
 */
export function bktPosterior(pL: number, response: number, pGuess: number, pSlip: number): number {
  // A response the model holds impossible (a right answer with P(L) 0 and no guessing, say)
  // carries no usable evidence: P(L) stays as it was rather than becoming 0 / 0.
  const known = pL * (1 - pSlip);
  const right = known + (1 - pL) * pGuess;
  const ifCorrect = right > 0 ? known / right : pL;
  if (response === 1) return ifCorrect;
  const slipped = pL * pSlip;
  const wrong = slipped + (1 - pL) * (1 - pGuess);
  const ifWrong = wrong > 0 ? slipped / wrong : pL;
  if (response === 0) return ifWrong;
  return response * ifCorrect + (1 - response) * ifWrong;
}

/** P(L) at the next opportunity, after learning (`pLearn`) and forgetting (`pForget`). @internal */
export function bktTransition(posterior: number, pLearn: number, pForget: number): number {
  return posterior * (1 - pForget) + (1 - posterior) * pLearn;
}

/**
 * The highest P(L) a run of right answers can reach: the fixed point of update-then-transition.
 * With forgetting it can stay below the mastery threshold for good.
 *
 * @internal
 */
export function bktMasteryCeiling(p: {
  pGuess: number;
  pSlip: number;
  pLearn: number;
  pForget: number;
}): number {
  let x = 0.5;
  for (let i = 0; i < 500; i++) x = bktTransition(bktPosterior(x, 1, p.pGuess, p.pSlip), p.pLearn, p.pForget);
  return x;
}

/** log(p / (1 − p)), with p kept 1e-6 away from 0 and 1 so the result stays finite. @internal */
export function logit(p: number): number {
  const c = p < 1e-6 ? 1e-6 : p > 1 - 1e-6 ? 1 - 1e-6 : p;
  return Math.log(c / (1 - c));
}

/** The logistic function, the inverse of {@link logit}. @internal */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
