import { libraryConfig } from '../tsup.base';

// The executable is ESM only (top-level await), with its shebang kept.
export default libraryConfig({ index: 'src/index.ts' }, [
  { entry: { bin: 'src/bin.ts' }, format: ['esm'], sourcemap: true, target: 'es2022' },
]);
