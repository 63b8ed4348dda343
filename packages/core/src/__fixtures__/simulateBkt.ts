import type { ResponseRow } from '../data';
import { createRandom } from '../random';

export interface TrueParams {
  pInit: number;
  pLearn: number;
  pForget: number;
  pGuess: number;
  pSlip: number;
}

/**
 * Responses of `learners` simulated learners, `length` each, on one skill whose hidden state
 * follows BKT with `params` exactly. Optional per-item guess/slip (items cycled in order).
 */
export function simulateBkt(options: {
  learners: number;
  length: number;
  params: TrueParams;
  seed: number;
  skillId?: string;
  items?: { id: string; pGuess: number; pSlip: number }[];
}): ResponseRow[] {
  const random = createRandom(options.seed);
  const { params } = options;
  const rows: ResponseRow[] = [];
  for (let learner = 0; learner < options.learners; learner++) {
    let known = random.next() < params.pInit;
    for (let t = 0; t < options.length; t++) {
      const item = options.items?.[random.int(options.items.length)];
      const guess = item?.pGuess ?? params.pGuess;
      const slip = item?.pSlip ?? params.pSlip;
      const correct = known ? random.next() >= slip : random.next() < guess;
      rows.push({
        learnerId: `learner-${learner}`,
        skillId: options.skillId ?? 'skill',
        correct,
        ...(item ? { itemId: item.id } : {}),
      });
      known = known ? random.next() >= params.pForget : random.next() < params.pLearn;
    }
  }
  return rows;
}
