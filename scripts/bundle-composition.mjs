// What a size-limit entry is made of: bundles it as `pnpm size` does (esbuild, minified, for the
// browser; React left out) and prints minified bytes per package and per source file, with the
// gzip size of the whole and of Pacekit's own code alone. Bundles the sources (the
// `@pacekit/source` condition), so Pacekit's bytes are named by file rather than by dist chunk.
//
//   pnpm size:why [.ci/size-app.mjs | .ci/size-core.mjs] [rows]
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const require = createRequire(createRequire(import.meta.url).resolve('tsup'));
const { build } = require('esbuild');

const entry = process.argv[2] ?? '.ci/size-app.mjs';
const rows = Number(process.argv[3] ?? 30);
// The size entries import from dist; point them at the sources instead.
const toSource = {
  name: 'pacekit-source',
  setup(b) {
    b.onResolve({ filter: /packages\/(core|pacing|react)\/dist\// }, (args) => {
      const [, pkg, file] = /packages\/(core|pacing|react)\/dist\/(\w[\w-]*)\.js$/.exec(args.path) ?? [];
      const subpath = file === 'index' ? '' : `/${file}`;
      return { path: `@pacekit/${pkg}${subpath}`, external: false, namespace: 'pacekit-alias' };
    });
    b.onLoad({ filter: /.*/, namespace: 'pacekit-alias' }, (args) => ({
      contents: `export * from '${args.path}';`,
      resolveDir: new URL('../packages/react', import.meta.url).pathname,
    }));
  },
};

async function bundle(external) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'error',
    conditions: ['@pacekit/source'],
    external: ['react', 'react-dom', ...external],
    plugins: [toSource],
  });
  return result;
}

const gzip = (bytes) => (gzipSync(bytes, { level: 9 }).length / 1000).toFixed(2);
const whole = await bundle([]);
const own = await bundle(['zod', 'zod/mini', 'ts-fsrs']);
const inputs = Object.values(whole.metafile.outputs)[0].inputs;
const files = Object.entries(inputs)
  .map(([path, { bytesInOutput }]) => [
    path.replace(/^.*node_modules\/(?!\.pnpm)/, '').replace(/^\.\.\//, ''),
    bytesInOutput,
  ])
  .filter(([, bytes]) => bytes > 0)
  .sort((a, b) => b[1] - a[1]);
const byPackage = new Map();
for (const [path, bytes] of files) {
  const key = path.startsWith('packages/') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0];
  byPackage.set(key, (byPackage.get(key) ?? 0) + bytes);
}
console.log(
  `${entry}: ${whole.outputFiles[0].contents.length} B minified, ${gzip(whole.outputFiles[0].contents)} kB gzip`,
);
console.log(
  `Pacekit's own code alone: ${own.outputFiles[0].contents.length} B minified, ${gzip(own.outputFiles[0].contents)} kB gzip`,
);
console.log('\nminified bytes by package:');
for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]))
  console.log(`${String(bytes).padStart(8)}  ${name}`);
console.log(`\nlargest ${rows} files:`);
for (const [path, bytes] of files.slice(0, rows)) console.log(`${String(bytes).padStart(8)}  ${path}`);
