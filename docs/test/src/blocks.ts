// Extracts the TypeScript blocks of README.md, packages/*/README.md and docs/*.md, each with an
// import of what it takes as given (./given.ts) for the names it uses and does not declare.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * How the blocks are compiled, as a user's strict project would (tsconfig JSON): the docs test
 * adds the workspace's source condition, the tarball check compiles against the packed `.d.ts`.
 */
export const BLOCK_COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'Bundler',
  strict: true,
  noUncheckedIndexedAccess: true,
  jsx: 'react-jsx',
  lib: ['ES2022', 'DOM'],
  types: ['node'],
  noEmit: true,
};

/** One TypeScript block of the docs, ready to be written to a file. */
export interface Block {
  /** Where it is, e.g. `README.md:74` (the line of its opening fence). */
  where: string;
  lang: 'ts' | 'tsx';
  code: string;
  run: boolean;
  file: string;
  /** Lines added before the code (the import of what is given). */
  offset: number;
}

/** The markdown files whose blocks are checked. */
export function markdownFiles(root: string): string[] {
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

/**
 * The blocks of every markdown file under `root`, each with the import of the `givenNames` it
 * needs from `givenSpecifier`, to be written into `blocksDir`.
 */
export function extractBlocks(
  root: string,
  blocksDir: string,
  givenNames: readonly string[],
  givenSpecifier: string,
): Block[] {
  const blocks: Block[] = [];
  for (const path of markdownFiles(root)) {
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
      const header = needed.length > 0 ? `import { ${needed.join(', ')} } from '${givenSpecifier}';\n` : '';
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
