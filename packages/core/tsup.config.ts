import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', fit: 'src/fit/index.ts', node: 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
