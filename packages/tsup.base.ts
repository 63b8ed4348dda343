import { defineConfig, type Options } from 'tsup';

/** The build every Pacekit package uses: ESM + CJS + .d.ts from the given entries. */
export function libraryConfig(entry: Record<string, string>, extra: Options[] = []) {
  return defineConfig([
    {
      entry,
      format: ['esm', 'cjs'],
      dts: true,
      clean: true,
      sourcemap: true,
      target: 'es2022',
      // import.meta.url in the CommonJS build too (where fitBktParallel finds its worker).
      shims: true,
    },
    ...extra,
  ]);
}
