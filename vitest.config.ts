import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Tests run against each package's TypeScript source through the `@pacekit/source` export
// condition, so no build is needed first. Vitest resolves through Vite's SSR pipeline, and
// inline projects do not inherit root-level `ssr` options: the condition is set per project.
const source = '@pacekit/source';
const react18 = fileURLToPath(new URL('./packages/react/test/react18/node_modules', import.meta.url));

function project(
  name: string,
  environment: 'node' | 'jsdom' = 'node',
  extra: { label?: string; alias?: Record<string, string>; root?: string } = {},
): TestProjectInlineConfiguration {
  return {
    resolve: { conditions: [source, ...defaultClientConditions], alias: extra.alias ?? {} },
    ssr: { resolve: { conditions: [source, ...defaultServerConditions] } },
    test: {
      name: extra.label ?? name,
      root: extra.root ?? `packages/${name}`,
      environment,
      // Inline projects do not inherit root test options. Real-data tests fit 5 folds.
      testTimeout: 60_000,
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      project('core'),
      project('pacing'),
      project('react', 'jsdom'),
      // The same hook tests on React 18: packages/react/test/react18 installs React 18 with its
      // own react-dom and Testing Library; aliasing to those copies keeps every import on 18.
      project('react', 'jsdom', {
        label: 'react18',
        alias: {
          'react-dom': `${react18}/react-dom`,
          react: `${react18}/react`,
          '@testing-library/react': `${react18}/@testing-library/react`,
        },
      }),
      project('cli'),
      project('learner-service', 'node', { root: 'examples/learner-service' }),
      project('main', 'node', { root: 'examples/main' }),
      project('docs', 'node', { root: 'docs/test' }),
    ],
  },
});
