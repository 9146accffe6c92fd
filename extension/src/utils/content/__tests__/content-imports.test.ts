import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../..');
const SHARED = resolve(SRC, '../../shared/src');

function resolveLocal(specifier: string, from: string): string | null {
  const base = specifier.startsWith('@/')
    ? resolve(SRC, specifier.slice(2))
    : specifier === '@counterweight/shared'
      ? resolve(SHARED, 'index')
      : specifier.startsWith('@counterweight/shared/')
        ? resolve(SHARED, specifier.slice('@counterweight/shared/'.length))
        : specifier.startsWith('.')
          ? resolve(dirname(from), specifier)
          : null;
  if (!base) return null;
  const file = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((f) => existsSync(f));
  if (!file) throw new Error(`cannot resolve ${specifier} from ${from}`);
  return file;
}

/** The modules a file loads at run time: imports and re-exports that are not types only. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            bindings !== undefined &&
            ts.isNamedImports(bindings) &&
            bindings.elements.length > 0 &&
            bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      !statement.isTypeOnly
    )
      out.push((statement.moduleSpecifier as ts.StringLiteral).text);
  }
  return out;
}

/** Every package the bundle of `entry` loads, following the repository's own modules. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      const local = resolveLocal(specifier, file);
      if (local) queue.push(local);
      else if (!packages.has(specifier)) packages.set(specifier, file);
    }
  }
  return packages;
}

describe('the content script', () => {
  it('loads no zod (its evaluation is a task on every page’s main thread)', () => {
    const packages = packagesLoadedBy(resolve(SRC, 'entrypoints/content.ts'));
    expect(packages.size).toBeGreaterThan(0);
    const zod = [...packages].filter(([name]) => name === 'zod' || name.startsWith('zod/'));
    expect(zod.map(([name, by]) => `${name} (imported by ${by})`)).toEqual([]);
  });

  it('is caught by this test when a module it loads imports zod', () => {
    // The same walk from the background, which does parse with zod, must find it.
    const packages = packagesLoadedBy(resolve(SRC, 'entrypoints/background.ts'));
    expect([...packages.keys()]).toContain('zod');
  });
});
