// The docs' examples as a new user runs them: a fresh project that installs only the packed
// tarballs (and the peers a user installs: zod, React), compiles every TypeScript block of the
// docs with its own TypeScript, and runs the runnable ones with Node. Called by
// .ci/check-packages.mjs with the folder of tarballs; exits non-zero on any failure.
//
//   tsx docs/test/src/fromTarballs.ts <folder with the .tgz files>
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BLOCK_COMPILER_OPTIONS, extractBlocks } from './blocks';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const tarballs = process.argv[2];
if (!tarballs) throw new Error('usage: fromTarballs.ts <folder with the .tgz files>');

const project = mkdtempSync(join(tmpdir(), 'pacekit-user-'));
const run = (command: string, args: string[]) =>
  execFileSync(command, args, { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
let failed = 0;
try {
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'a-new-user', private: true, type: 'module' }),
  );
  const packed = readdirSync(tarballs)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => join(tarballs, file));
  run('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...packed,
    'zod@^4.1.0',
    'react@^19.1.0',
    'react-dom@^19.1.0',
    '@types/react@^19.1.0',
    '@types/node@^20.19.0',
    'typescript@5.9.3',
    'fake-indexeddb@^6.2.8',
    'tsx@^4.20.0',
  ]);
  const given = await import('./given');
  const blocksDir = join(project, 'blocks');
  mkdirSync(blocksDir);
  copyFileSync(fileURLToPath(new URL('./given.ts', import.meta.url)), join(blocksDir, 'given.ts'));
  const blocks = extractBlocks(root, blocksDir, Object.keys(given), './given');
  for (const block of blocks) writeFileSync(block.file, block.code);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { ...BLOCK_COMPILER_OPTIONS, skipLibCheck: false },
      include: ['blocks'],
    }),
  );
  try {
    run(join(project, 'node_modules', '.bin', 'tsc'), ['-p', '.']);
    console.log(
      `ok   docs from the tarballs: ${blocks.length} blocks compile (strict, with the packages' .d.ts)`,
    );
  } catch (error) {
    failed++;
    console.error(`FAIL docs from the tarballs: tsc\n${(error as { stdout?: string }).stdout ?? error}`);
  }
  for (const block of blocks.filter((b) => b.run)) {
    try {
      // IndexedDB as in a browser tab, for the blocks that create browser storage.
      run(process.execPath, ['--import', 'tsx', '--import', 'fake-indexeddb/auto', block.file]);
      console.log(`ok   docs from the tarballs: ${block.where} runs`);
    } catch (error) {
      failed++;
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      console.error(`FAIL docs from the tarballs: ${block.where}\n${stderr ?? ''}${stdout ?? ''}`);
    }
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}
process.exit(failed > 0 ? 1 : 0);
