// Fuzzing the commands that read files (issue 15, "A test that keeps it so"): fast-check
// mutates corpus files (deletes, retypes, duplicates, truncates and nests fields; flips or
// drops the layer; puts huge values and deep nesting anywhere; adds a byte-order mark) and
// `run`, `replay` and `shrink` each must exit 0, 1 or 2 (never 3, an internal error), with
// exactly one line on stderr and nothing on stdout for exit 2, and must never change or
// leave a file they did not mean to (only shrink, exiting 0, rewrites its file). The
// commands run in this process (test/support/in-process.ts), as bin/dipc-spec.mjs runs them.
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runReplay } from '../cli/replay';
import { runTraceFile } from '../cli/run';
import { runShrink } from '../cli/shrink';
import { listCounterexamples } from '../counterexamples/store';
import { TEST_SEED } from './budget';
import { inProcess } from './support/in-process';

/** Mutated files checked per run of `npm test` (each through three commands). */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const SOURCES = [...listCounterexamples(), 'examples/two-process-call.json'];
const TEXTS = new Map(SOURCES.map((f) => [f, readFileSync(f, 'utf8')]));

/** Every path in a JSON value (the value itself is []), depth first. */
const pathsOf = (v: Json, at: Path = []): Path[] => [
  at,
  ...(Array.isArray(v) ? v.flatMap((x, i) => pathsOf(x, [...at, i])) : v !== null && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, k])) : []),
];

const get = (v: Json, p: Path): Json => p.reduce<Json>((x, k) => (x as Record<string | number, Json>)[k], v);
/** A copy of `v` with the value at `p` replaced by f(old); `undefined` deletes it. */
const update = (v: Json, p: Path, f: (old: Json) => Json | undefined): Json => {
  if (p.length === 0) return f(v) ?? null;
  const [k, ...rest] = p;
  if (Array.isArray(v)) {
    const out = [...v];
    const x = update(v[k as number], rest, f);
    if (rest.length === 0 && f(v[k as number]) === undefined) out.splice(k as number, 1);
    else out[k as number] = x;
    return out;
  }
  const o = { ...(v as Record<string, Json>) };
  if (rest.length === 0) {
    const x = f(o[k as string]);
    if (x === undefined) delete o[k as string];
    else o[k as string] = x;
  } else o[k as string] = update(o[k as string], rest, f);
  return o;
};

/** Stands for JSON nested 100,000 deep: put in as text once the file is written (walking it here would overflow this test's stack). */
const DEEP = '<nested 100,000 deep>';
const DEEP_TEXT = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;

/** Values put in place of another: every JSON type, edges of every bound, huge and deep ones. */
const replacement: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 0.5, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 65_536, 4096, '', 'x', 'dipc', 'codoms', [], {}, [1, 2, 3], { op: 'teleport' }),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constant(DEEP),
);

type Mutation =
  | { k: 'delete' | 'nest-array' | 'nest-object' | 'duplicate'; at: number }
  | { k: 'retype'; at: number; value: Json }
  | { k: 'extra-field'; at: number; name: string; value: Json }
  | { k: 'truncate'; at: number }
  | { k: 'layer'; to: 'codoms' | 'dipc' | null }
  | { k: 'bom' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constantFrom('delete', 'nest-array', 'nest-object', 'duplicate') as fc.Arbitrary<'delete'>, at: fc.nat() }),
  fc.record({ k: fc.constant('retype' as const), at: fc.nat(), value: replacement }),
  fc.record({ k: fc.constant('extra-field' as const), at: fc.nat(), name: fc.constantFrom('extra', 'layer', 'op', 'k', '__proto__', 'constructor', 'dcsSiz'), value: replacement }),
  fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ k: fc.constant('layer' as const), to: fc.constantFrom<'codoms' | 'dipc' | null>('codoms', 'dipc', null) }),
  fc.constant({ k: 'bom' as const }),
);

/** The text of a file after up to three mutations. */
const mutate = (text: string, ms: readonly Mutation[]): string => {
  let v = JSON.parse(text) as Json;
  let bom = false;
  let cut: number | null = null;
  for (const m of ms) {
    const paths = pathsOf(v);
    const p = 'at' in m ? paths[m.at % paths.length] : [];
    switch (m.k) {
      case 'delete':
        v = p.length === 0 ? v : update(v, p, () => undefined);
        break;
      case 'nest-array':
        v = update(v, p, (x) => [x]);
        break;
      case 'nest-object':
        v = update(v, p, (x) => ({ value: x }));
        break;
      case 'duplicate': {
        const x = get(v, p);
        v = Array.isArray(x) && x.length > 0 ? update(v, p, () => [...x, ...x]) : update(v, p, (old) => [old, old]);
        break;
      }
      case 'retype':
        v = update(v, p, () => m.value);
        break;
      case 'extra-field': {
        const x = get(v, p);
        if (x !== null && typeof x === 'object' && !Array.isArray(x)) v = update(v, p, () => JSON.parse(`{${JSON.stringify(m.name)}:${JSON.stringify(m.value)},${JSON.stringify(x).slice(1)}`.replace(/,}$/, '}')));
        break;
      }
      case 'truncate':
        cut = m.at;
        break;
      case 'layer':
        v = update(v, ['layer'], () => m.to ?? undefined);
        break;
      case 'bom':
        bom = true;
    }
  }
  let out = JSON.stringify(v, null, 2).replaceAll(JSON.stringify(DEEP), DEEP_TEXT);
  if (cut !== null) out = out.slice(0, cut % (out.length + 1));
  return bom ? `\uFEFF${out}` : out;
};

describe(`fuzzed corpus files (seed ${TEST_SEED}, ${FUZZ_RUNS} files)`, () => {
  test('run, replay and shrink exit 0, 1 or 2; exit 2 is one line on stderr; no file changed or left that was not meant to be', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dipc-fuzz-'));
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SOURCES), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (source, ms) => {
        const text = mutate(TEXTS.get(source) as string, ms);
        const file = join(dir, 'fuzzed.json');
        for (const [cmd, f] of [
          ['run', () => runTraceFile(file)],
          ['replay', () => runReplay([file])],
          ['shrink', () => runShrink([file])],
        ] as const) {
          writeFileSync(file, text);
          const r = await inProcess(f);
          const what = `${cmd} ${source} after ${JSON.stringify(ms).slice(0, 300)}: exit ${r.code}\n${r.stderr.slice(0, 2000)}`;
          codes.set(`${cmd} ${r.code}`, (codes.get(`${cmd} ${r.code}`) ?? 0) + 1);
          expect([0, 1, 2], what).toContain(r.code);
          if (r.code === 2) {
            expect(r.stderr.endsWith('\n') && !r.stderr.slice(0, -1).includes('\n'), what).toBe(true);
            expect(r.stdout, what).toBe('');
            // `dipc-spec: <file>: ` and the message, which is at most about 200 characters.
            expect(r.stderr.length - `dipc-spec: ${file}: `.length, what).toBeLessThanOrEqual(201);
          }
          expect(readdirSync(dir), what).toEqual(['fuzzed.json']);
          if (!(cmd === 'shrink' && r.code === 0)) expect(readFileSync(file, 'utf8') === text, `${what}: the file changed`).toBe(true);
          rmSync(file);
        }
      }),
      { seed: TEST_SEED, numRuns: FUZZ_RUNS },
    );
    // What the fuzzing reached, for the log: most mutated files are refused, some still replay.
    console.log(`fuzz (seed ${TEST_SEED}): ${[...codes].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    expect(codes.get('replay 2') ?? 0).toBeGreaterThan(0);
    expect((codes.get('replay 0') ?? 0) + (codes.get('replay 1') ?? 0)).toBeGreaterThan(0);
  }, 180_000);
});
