// Every TypeScript block in README.md, packages/*/README.md and docs/*.md is type-checked as a
// user would compile it (strict, noUncheckedIndexedAccess, against the packages' own types), and
// run unless the line before it says `<!-- doc-test: type-check only … -->`. Names a block uses
// without declaring come from ./given.ts (a course, a model, a class).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
// Blocks run as in a browser tab: IndexedDB (for createIndexedDbStorage) is fake-indexeddb's.
import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const blocksDir = fileURLToPath(new URL('../.blocks/', import.meta.url));
const given = fileURLToPath(new URL('./given.ts', import.meta.url));

interface Block {
  /** Where it is, e.g. `README.md:74` (the line of its opening fence). */
  where: string;
  lang: 'ts' | 'tsx';
  code: string;
  run: boolean;
  file: string;
  /** Lines added before the code (the import of what is given). */
  offset: number;
}

function markdownFiles(): string[] {
  const inDir = (dir: string) =>
    existsSync(join(root, dir))
      ? readdirSync(join(root, dir))
          .filter((name) => name.endsWith('.md'))
          .map((name) => join(dir, name))
      : [];
  const packages = readdirSync(join(root, 'packages')).map((name) => join('packages', name, 'README.md'));
  return ['README.md', ...packages.filter((path) => existsSync(join(root, path))), ...inDir('docs')];
}

/** Top-level names a block declares (imports, variables, functions, classes, types). */
function declaredNames(code: string, lang: 'ts' | 'tsx'): Set<string> {
  const source = ts.createSourceFile(`block.${lang}`, code, ts.ScriptTarget.ES2022, false);
  const names = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      else if (namedBindings) for (const element of namedBindings.elements) names.add(element.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

function extract(givenNames: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (const path of markdownFiles()) {
    const lines = readFileSync(join(root, path), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const fence = /^```(ts|tsx|typescript)\s*$/.exec(lines[i]!);
      if (!fence) continue;
      const end = lines.indexOf('```', i + 1);
      const code = lines.slice(i + 1, end).join('\n');
      const lang = fence[1] === 'tsx' ? 'tsx' : 'ts';
      let previous = i - 1;
      while (previous >= 0 && lines[previous]!.trim() === '') previous--;
      const run = !/<!--\s*doc-test:\s*type-check only/.test(lines[previous] ?? '');
      const declared = declaredNames(code, lang);
      const needed = givenNames.filter(
        (name) => !declared.has(name) && new RegExp(`\\b${name}\\b`).test(code),
      );
      const importPath = relative(blocksDir, given).replace(/\.ts$/, '');
      const header = needed.length > 0 ? `import { ${needed.join(', ')} } from '${importPath}';\n` : '';
      const name = `${path.replace(/[/.]/g, '-')}-L${i + 1}.${lang}`;
      blocks.push({
        where: `${path}:${i + 1}`,
        lang,
        code: `${header}${code}\nexport {};\n`,
        run,
        file: join(blocksDir, name),
        offset: header === '' ? 0 : 1,
      });
      i = end;
    }
  }
  return blocks;
}

const givenNames = Object.keys(await import('./given'));
const blocks = extract(givenNames);
let diagnostics = new Map<string, string[]>();

beforeAll(() => {
  rmSync(blocksDir, { recursive: true, force: true });
  mkdirSync(blocksDir, { recursive: true });
  for (const block of blocks) writeFileSync(block.file, block.code);
  const program = ts.createProgram(
    blocks.map((block) => block.file),
    {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      customConditions: ['@pacekit/source'],
      strict: true,
      noUncheckedIndexedAccess: true,
      jsx: ts.JsxEmit.ReactJSX,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      skipLibCheck: true,
      noEmit: true,
    },
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
