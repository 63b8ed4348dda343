import { defineConfig } from 'vite';

// No React plugin: Vite's esbuild compiles TSX with the automatic JSX runtime.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
