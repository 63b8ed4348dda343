import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Tests run against each package's TypeScript source through the `@pacekit/source` export
// condition, so no build is needed first. Vitest resolves through Vite's SSR pipeline, and
// inline projects do not inherit root-level `ssr` options: the condition is set per project.
const source = '@pacekit/source';

function project(name: string, environment: 'node' | 'jsdom' = 'node'): TestProjectInlineConfiguration {
  return {
    resolve: { conditions: [source, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
    test: {
      name,
      root: `packages/${name}`,
      environment,
      // Inline projects do not inherit root test options. Real-data tests fit 5 folds.
      testTimeout: 60_000,
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    },
  };
}

export default defineConfig({
  test: {
    projects: [project('core'), project('pacing'), project('react', 'jsdom'), project('cli')],
  },
});
