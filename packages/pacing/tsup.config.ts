import { libraryConfig } from '../tsup.base';

export default libraryConfig({ index: 'src/index.ts' });
