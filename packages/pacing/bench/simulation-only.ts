// The learning-efficiency benchmark alone (the "Learning efficiency" section of `pnpm bench`,
// ~5 minutes): prints its markdown and writes docs/simulation.svg.
//
//   pnpm --filter @pacekit/pacing bench:sim
import { simulationBench } from './simulation';

for (const line of await simulationBench()) console.log(line);
