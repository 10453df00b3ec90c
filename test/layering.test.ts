// The layers import only downwards (DESIGN §2): the op alphabet needs nothing, spec and impl
// need only the alphabet, and refinement/ (the bridge, the only place spec and impl meet)
// needs only those three. Everything above (gen, properties, mutants, machines, cli ...)
// may use the bridge, never the other way round. Reads every import of every source file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** The top-level folders each layer may import from (its own included). */
const ALLOWED: Record<string, readonly string[]> = {
  alphabet: ['alphabet'],
  spec: ['alphabet', 'spec'],
  impl: ['alphabet', 'impl'],
  refinement: ['alphabet', 'spec', 'impl', 'refinement'],
};

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });

/** Every module specifier a file imports or re-exports, static or dynamic. */
const specifiers = (text: string): string[] =>
  [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );

/** The top-level folder a relative specifier lands in; null for a package or node: module. */
const layerOf = (file: string, spec: string): string | null => {
  if (!spec.startsWith('.')) return null;
  const target = relative(ROOT, normalize(join(dirname(file), spec)));
  return target.split(sep)[0];
};

describe('layering: each layer imports only the layers below it', () => {
  for (const [layer, allowed] of Object.entries(ALLOWED))
    test(`${layer}/ imports only ${allowed.join(', ')} (and packages)`, () => {
      const bad: string[] = [];
      for (const file of sources(join(ROOT, layer)))
        for (const s of specifiers(readFileSync(file, 'utf8'))) {
          const target = layerOf(file, s);
          if (target !== null && !allowed.includes(target)) bad.push(`${relative(ROOT, file)} imports '${s}' (${target}/)`);
        }
      expect(bad).toEqual([]);
    });

  test('the check sees a violation (a planted import is caught)', () => {
    const file = join(ROOT, 'refinement', 'x.ts');
    expect(specifiers("import type { Verdict } from '../properties/types';\nexport { a } from './b';").map((s) => layerOf(file, s))).toEqual(['properties', 'refinement']);
    expect(specifiers("const m = await import('../gen/scenario');").map((s) => layerOf(file, s))).toEqual(['gen']);
  });
});
