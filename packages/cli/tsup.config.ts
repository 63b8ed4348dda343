import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
  },
  // The executable: ESM only (top-level await), with its shebang kept.
  { entry: { bin: 'src/bin.ts' }, format: ['esm'], sourcemap: true, target: 'es2022' },
]);
