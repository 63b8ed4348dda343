#!/usr/bin/env node
// Packs every package exactly as `pnpm publish` would (publishConfig applied, workspace:
// ranges resolved) and checks each tarball: publint --strict, are-the-types-wrong in every
// profile (node10 too: subpath types through typesVersions), and the file list
// (dist/ and metadata only; LICENSE and README.md present); then the docs' examples compile and
// run in a fresh project that installs only the tarballs (docs/test/src/fromTarballs.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'pacekit-pack-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
let failed = false;

const packages = readdirSync(join(root, 'packages')).filter((name) =>
  existsSync(join(root, 'packages', name, 'package.json')),
);
for (const name of packages) {
  const dir = join(root, 'packages', name);
  const before = new Set(readdirSync(out));
  run('pnpm', ['pack', '--pack-destination', out], dir);
  const tarball = join(
    out,
    readdirSync(out).find((f) => !before.has(f)),
  );
  const files = run('tar', ['-tzf', tarball], out).trim().split('\n');
  const stray = files.filter(
    (f) => !/^package\/(dist\/.+|package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f),
  );
  const checks = [
    ['publint', () => run(bin('publint'), ['run', tarball, '--strict'], dir)],
    ['attw', () => run(bin('attw'), [tarball, '--format', 'table-flipped'], dir)],
    [
      'files',
      () => {
        if (stray.length > 0)
          throw Object.assign(new Error('unexpected files'), { stdout: stray.join('\n') });
        for (const needed of ['package/LICENSE', 'package/README.md'])
          if (!files.includes(needed)) throw new Error(`the tarball has no ${needed.slice(8)}`);
        // Each package carries a copy of the root LICENSE (npm packs the package folder only).
        if (readFileSync(join(dir, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8'))
          throw new Error(`packages/${name}/LICENSE differs from the root LICENSE`);
        return `${files.length} files, all under dist/ or package metadata, with LICENSE and README.md`;
      },
    ],
  ];
  if (name === 'react')
    checks.push([
      "'use client'",
      () => {
        // The hooks are client code: the build must keep the directive for Server Components.
        for (const file of ['index.js', 'index.cjs'])
          if (!readFileSync(join(dir, 'dist', file), 'utf8').startsWith("'use client';"))
            throw new Error(`dist/${file} does not start with 'use client'`);
        return 'dist/index.js and dist/index.cjs start with it';
      },
    ]);
  for (const [label, check] of checks) {
    try {
      check();
      console.log(`ok   @pacekit/${name}: ${label}`);
    } catch (error) {
      failed = true;
      console.error(
        `FAIL @pacekit/${name}: ${label}\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout || error.stderr ? '' : error.message}`,
      );
    }
  }
}
if (!failed) {
  // The docs' examples in a fresh project that installs only these tarballs.
  try {
    process.stdout.write(run(bin('tsx'), [join(root, 'docs/test/src/fromTarballs.ts'), out], root));
  } catch (error) {
    failed = true;
    console.error(`${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
}
rmSync(out, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
