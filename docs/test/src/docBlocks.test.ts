// Every TypeScript block in README.md, packages/*/README.md and docs/*.md is type-checked as a
// user would compile it (strict, noUncheckedIndexedAccess, against the packages' own types), and
// run unless the line before it says `<!-- doc-test: type-check only … -->`. Names a block uses
// without declaring come from ./given.ts (a course, a model, a class).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
// Blocks run as in a browser tab: IndexedDB (for createIndexedDbStorage) is fake-indexeddb's.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BLOCK_COMPILER_OPTIONS, extractBlocks } from './blocks';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const blocksDir = fileURLToPath(new URL('../.blocks/', import.meta.url));
const given = fileURLToPath(new URL('./given.ts', import.meta.url));

const givenNames = Object.keys(await import('./given'));
const blocks = extractBlocks(root, blocksDir, givenNames, relative(blocksDir, given).replace(/\.ts$/, ''));
let diagnostics = new Map<string, string[]>();

beforeAll(() => {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  for (const block of blocks) writeFileSync(block.file, block.code);
  const program = ts.createProgram(
    blocks.map((block) => block.file),
    ts.convertCompilerOptionsFromJson(
      { ...BLOCK_COMPILER_OPTIONS, customConditions: ['@pacekit/source'], skipLibCheck: true },
      blocksDir,
    ).options,
  );
  diagnostics = new Map(blocks.map((block) => [block.file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    const list = file === undefined ? undefined : diagnostics.get(file);
    const block = blocks.find((b) => b.file === file);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!list || !block) {
      diagnostics.set(file ?? '(program)', [...(diagnostics.get(file ?? '(program)') ?? []), text]);
      continue;
    }
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const [path, fence] = block.where.split(':');
    list.push(`${path}:${Number(fence) + 1 + line - block.offset}: ${text}`);
  }
}, 60_000);

describe('the docs', () => {
  it('have TypeScript blocks to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    expect(blocks.filter((block) => block.where.startsWith('README.md:')).length).toBeGreaterThanOrEqual(3);
  });

  it('compile as a whole program', () => {
    expect(diagnostics.get('(program)') ?? []).toEqual([]);
  });

  for (const block of blocks) {
    it(`${block.where} type-checks`, () => {
      expect(diagnostics.get(block.file)).toEqual([]);
    });
    if (block.run)
      it(`${block.where} runs`, async () => {
        const log = vi.spyOn(console, 'log').mockImplementation(() => {});
        try {
          await import(/* @vite-ignore */ pathToFileURL(block.file).href);
        } finally {
          log.mockRestore();
        }
      });
  }
});
