import { createResponseTable } from '../data';
import { simulateBkt } from './simulateBkt';

/**
 * Six skills of different sizes and parameters (one named like an Object.prototype member), with
 * items, so each BKT variant's parameters are exercised: the table the threaded fits are held
 * equal to `fitBkt` on.
 */
export const sixSkillTable = createResponseTable(
  ['fractions', 'constructor', 'decimals', 'ratios', 'angles', 'area'].flatMap((skillId, k) =>
    simulateBkt({
      learners: 150 + 90 * k,
      length: 12 + 3 * k,
      params: { pInit: 0.1 + 0.05 * k, pLearn: 0.1 + 0.03 * k, pForget: 0.02, pGuess: 0.2, pSlip: 0.1 },
      seed: 10 + k,
      skillId,
      items: [
        { id: `${skillId}-1`, pGuess: 0.15, pSlip: 0.1 },
        { id: `${skillId}-2`, pGuess: 0.3, pSlip: 0.05 },
      ],
    }),
  ),
);
