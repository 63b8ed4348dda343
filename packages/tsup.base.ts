import { defineConfig, type Options } from 'tsup';

/**
 * The build every Pacekit package uses: ESM + CJS + .d.ts from the given entries; `options` adds
 * to the main build (e.g. a banner), `extra` adds builds.
 */
export function libraryConfig(entry: Record<string, string>, extra: Options[] = [], options: Options = {}) {
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
      ...options,
    },
    ...extra,
  ]);
}
