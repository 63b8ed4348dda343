import { libraryConfig } from '../tsup.base';

export default libraryConfig({
  index: 'src/index.ts',
  sim: 'src/sim/index.ts',
  class: 'src/class/index.ts',
  optimizer: 'src/optimizer/index.ts',
});
