import { PacekitError } from '../errors';
import { type IrtItem, irtProbability, itemInformation } from './irt';
import { gaussHermite } from './quadrature';

/** An ability estimate and its standard error. */
export interface AbilityEstimate {
  /** θ. */
  theta: number;
  /** Standard error of θ. */
  se: number;
  /** For MLE: true when the pattern has no finite maximum (all right or all wrong) and θ sits at a bound. */
  atBound?: boolean;
}

/** How to estimate ability: EAP (posterior mean), MAP (posterior mode) or MLE; prior N(mean, sd²). */
export interface AbilityOptions {
  method?: 'eap' | 'map' | 'mle';
  /** Prior mean (default 0). */
  priorMean?: number;
  /** Prior standard deviation (default 1). */
  priorSd?: number;
  /** Quadrature points for EAP (default 61). */
  quadraturePoints?: number;
  /** Bounds of θ for MAP and MLE (default ±6). */
  bound?: number;
}

/** One answered item: the item's parameters and the response (1 right, 0 wrong). */
export interface ScoredResponse {
  item: Pick<IrtItem, 'a' | 'b' | 'c'>;
  correct: 0 | 1 | boolean;
}

function logLikelihood(responses: readonly ScoredResponse[], theta: number): number {
  let ll = 0;
  for (const { item, correct } of responses) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, irtProbability(item, theta)));
    ll += correct ? Math.log(p) : Math.log(1 - p);
  }
  return ll;
}

/**
 * Estimates ability from scored responses. EAP integrates the posterior on a Gauss–Hermite
 * grid of the prior (its SE is the posterior SD); MAP and MLE maximise by Newton's method (SE
 * from the information). Any pattern gives a finite result: with no responses EAP/MAP return the
 * prior; an all-right or all-wrong MLE returns the bound with `atBound: true`. NaN in a
 * response or parameter is an error.
 */
export function estimateAbility(
  responses: readonly ScoredResponse[],
  options: AbilityOptions = {},
): AbilityEstimate {
  const method = options.method ?? 'eap';
  const mean = options.priorMean ?? 0;
  const sd = options.priorSd ?? 1;
  const bound = options.bound ?? 6;
  for (const [k, { item }] of responses.entries()) {
    if (![item.a, item.b, item.c].every(Number.isFinite)) {
      throw new PacekitError(
        'INVALID_INPUT',
        `estimateAbility: response ${k} has an item with a non-finite parameter`,
        { index: k },
      );
    }
  }
  if (!(sd > 0 && Number.isFinite(mean)))
    throw new PacekitError('INVALID_INPUT', 'estimateAbility: the prior needs a finite mean and sd > 0');

  if (method === 'eap') {
    const { nodes, weights } = gaussHermite(options.quadraturePoints ?? 61);
    const logs = Array.from(nodes, (z) => logLikelihood(responses, mean + sd * z));
    const max = Math.max(...logs);
    let total = 0;
    let first = 0;
    let second = 0;
    nodes.forEach((z, q) => {
      const theta = mean + sd * z;
      const w = weights[q]! * Math.exp(logs[q]! - max);
      total += w;
      first += w * theta;
      second += w * theta * theta;
    });
    const theta = first / total;
    return { theta, se: Math.sqrt(Math.max(0, second / total - theta * theta)) };
  }

  const prior = method === 'map';
  const allSame =
    responses.length > 0 && responses.every((r) => Boolean(r.correct) === Boolean(responses[0]!.correct));
  if (!prior && (responses.length === 0 || allSame)) {
    const theta = responses.length === 0 ? 0 : responses[0]!.correct ? bound : -bound;
    const info = responses.reduce((s, r) => s + itemInformation(r.item, theta), 0);
    return {
      theta,
      se: info > 0 ? 1 / Math.sqrt(info) : Number.POSITIVE_INFINITY,
      atBound: responses.length > 0,
    };
  }
  // Newton on the log posterior (or likelihood), with numerical derivatives of the exact
  // log-likelihood (valid for the 3PL too) and step-halving.
  const objective = (theta: number) =>
    logLikelihood(responses, theta) - (prior ? (theta - mean) ** 2 / (2 * sd * sd) : 0);
  let theta = prior ? mean : 0;
  for (let iter = 0; iter < 100; iter++) {
    const h = 1e-4;
    const f0 = objective(theta);
    const g = (objective(theta + h) - objective(theta - h)) / (2 * h);
    const H = (objective(theta + h) - 2 * f0 + objective(theta - h)) / (h * h);
    let step = H < 0 ? -g / H : Math.sign(g) * 0.5;
    let next = theta;
    for (let k = 0; k < 30; k++, step /= 2) {
      next = Math.max(-bound, Math.min(bound, theta + step));
      if (objective(next) >= f0) break;
    }
    const moved = Math.abs(next - theta);
    theta = next;
    if (moved < 1e-10) break;
  }
  const info =
    responses.reduce((s, r) => s + itemInformation(r.item, theta), 0) + (prior ? 1 / (sd * sd) : 0);
  return { theta, se: 1 / Math.sqrt(info), ...(Math.abs(theta) >= bound ? { atBound: true } : {}) };
}
