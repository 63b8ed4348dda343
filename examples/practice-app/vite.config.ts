import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// No React plugin: Vite's esbuild compiles TSX with the automatic JSX runtime. Two pages: the app
// (index.html) and fitting in the browser on Web Workers (fit.html).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
  worker: { format: 'es' },
  build: {
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        fit: fileURLToPath(new URL('fit.html', import.meta.url)),
      },
    },
  },
});
