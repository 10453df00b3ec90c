// Counterexample minimisation after fast-check's shrinking. fast-check shrinks within its
// generator; this pass goes on over the scenario as data, with the failure predicate as the
// only judge, until the scenario is 1-minimal.
//
// 1-minimal: no single candidate of `oneStepCandidates` still fails. The candidates of a
// scenario are, in this fixed order:
//   1. the trace without op i, for each i;
//   2. the config with one array element dropped (a thread, a process, a page, an APL entry,
//      an export, an import, a policy property, ...);
//   3. op i with one array element dropped (a stub argument or result, an entry of
//      entry_register / entry_request, a policy property);
//   4. op i with one integer field made smaller: toward 0, trying 0, then half, then v-1 for
//      v > 0, and 0, then v+1 for v < 0 (thread, register, capability and handle indices,
//      address offsets, lengths, values, pids);
//   5. the config with one integer field made smaller the same way (page tags, entry
//      alignment, thread and process counts, ip and sp, signature sizes, ...).
// A candidate must still decode with the layer's codec (ConfigC or DipcConfigC for the
// config, DipcOpC for an op that decoded before), so every step keeps a valid, storable
// scenario; the rest is up to the predicate, which for the suite is "the property still
// fails on the same machine with the same kind of violation" (see `violationKind`).
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { ConfigC } from '../alphabet/config';
import { DipcConfigC } from '../alphabet/dipc-config';
import { DipcOpC } from '../alphabet/dipc-ops';
import type { LayerId, Violation } from './types';

/** Predicate calls one minimisation may make; past it the current scenario is returned as is. */
export const MAX_PREDICATE_CALLS = 2000;

type Json = unknown;
type Path = readonly (string | number)[];
type ScenarioLike = { readonly config: unknown; readonly ops: readonly unknown[] };

/** Smaller integers to try in place of v, most aggressive first; [] when v is 0 or not an integer. */
export const smallerInts = (v: number): number[] => {
  if (!Number.isSafeInteger(v) || v === 0) return [];
  const out = v > 0 ? [0, Math.floor(v / 2), v - 1] : [0, v + 1];
  return out.filter((w, i) => out.indexOf(w) === i && Math.abs(w) < Math.abs(v));
};

const isRecord = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths of every array and every integer inside v, depth first, keys in their own order. */
const walk = (v: Json, path: Path, arrays: Path[], ints: Path[]): void => {
  if (Array.isArray(v)) {
    arrays.push(path);
    v.forEach((x, i) => walk(x, [...path, i], arrays, ints));
  } else if (isRecord(v)) {
    for (const k of Object.keys(v)) walk(v[k], [...path, k], arrays, ints);
  } else if (typeof v === 'number' && Number.isSafeInteger(v)) ints.push(path);
};

const getAt = (v: Json, path: Path): Json => path.reduce<Json>((x, k) => (x as Record<string | number, Json>)[k], v);

/** v with the value at `path` replaced, copying only the containers on the path. */
const setAt = (v: Json, path: Path, value: Json): Json => {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === k ? setAt(x, rest, value) : x));
  const o = v as Record<string, Json>;
  return { ...o, [k]: setAt(o[k as string], rest, value) };
};

/** Each one-step simplification of a JSON value: array elements dropped, then integers made smaller. */
const simplifications = (v: Json): { drops: Json[]; shrinks: Json[] } => {
  const arrays: Path[] = [];
  const ints: Path[] = [];
  walk(v, [], arrays, ints);
  const drops = arrays.flatMap((p) => {
    const arr = getAt(v, p) as Json[];
    return arr.map((_, j) => setAt(v, p, arr.filter((__, i) => i !== j)));
  });
  const shrinks = ints.flatMap((p) => smallerInts(getAt(v, p) as number).map((w) => setAt(v, p, w)));
  return { drops, shrinks };
};

const decodes = (codec: t.Mixed, v: Json): boolean => E.isRight(codec.decode(v));

export const configCodecOf = (layer: LayerId): t.Mixed => (layer === 'dipc' ? DipcConfigC : ConfigC);

/** Every one-step simplification of a scenario that still decodes, in the documented order. */
export const oneStepCandidates = <Sc extends ScenarioLike>(sc: Sc, layer: LayerId): Sc[] => {
  const cfgCodec = configCodecOf(layer);
  const cfgOk = decodes(cfgCodec, sc.config);
  const cfg = cfgOk ? simplifications(sc.config) : { drops: [], shrinks: [] };
  // dIPC systems keep their page size: the generator fixes it (gen/dipc-config.ts) and the
  // honest stubs lay out buffers in 16-word pages (argument copies go on the stack) (spec/transitions/dipc/stubs.ts).
  const pageOf = (c: unknown) => (c as { wordsPerPage?: unknown } | null)?.wordsPerPage;
  const validCfg = (c: Json) => decodes(cfgCodec, c) && (layer !== 'dipc' || pageOf(c) === pageOf(sc.config));
  const withOps = (ops: unknown[]): Sc => ({ ...sc, ops });
  const withConfig = (config: Json): Sc => ({ ...sc, config });
  const opSimpl = sc.ops.map((op) => {
    // An op that is no op (TOTAL's malformed ops) is only ever removed.
    if (!decodes(DipcOpC, op)) return { drops: [], shrinks: [] };
    const s = simplifications(op);
    const ok = (x: Json) => decodes(DipcOpC, x);
    return { drops: s.drops.filter(ok), shrinks: s.shrinks.filter(ok) };
  });
  const replaceOp = (i: number, x: Json) => withOps(sc.ops.map((o, j) => (j === i ? x : o)));
  return [
    ...sc.ops.map((_, i) => withOps(sc.ops.filter((__, j) => j !== i))),
    ...cfg.drops.filter(validCfg).map(withConfig),
    ...opSimpl.flatMap((s, i) => s.drops.map((x) => replaceOp(i, x))),
    ...opSimpl.flatMap((s, i) => s.shrinks.map((x) => replaceOp(i, x))),
    ...cfg.shrinks.filter(validCfg).map(withConfig),
  ];
};

export interface Minimized<Sc> {
  readonly scenario: Sc;
  /** Predicate calls made. */
  readonly calls: number;
  /** True when the call budget ran out before the scenario was 1-minimal. */
  readonly capped: boolean;
}

const keyOf = (sc: ScenarioLike): string => JSON.stringify([sc.config, sc.ops]);

/**
 * Minimise a failing scenario to a 1-minimal one (see the top of this file): take the first
 * candidate that still fails, go on from the same place in the new scenario's candidate
 * list, and stop after a whole sweep of one scenario's candidates finds none that fails.
 * Never calls the predicate twice on the same candidate, and at most `maxCalls` times.
 * Deterministic: the same scenario and predicate give the same result.
 */
export const minimizeScenario = <Sc extends ScenarioLike>(
  sc: Sc,
  layer: LayerId,
  fails: (s: Sc) => boolean,
  maxCalls: number = MAX_PREDICATE_CALLS,
): Minimized<Sc> => {
  const tried = new Set<string>([keyOf(sc)]);
  let cur = sc;
  let cands = oneStepCandidates(cur, layer);
  let calls = 0;
  let pos = 0;
  let quiet = 0; // candidates of `cur` looked at since it became current
  while (quiet < cands.length) {
    if (calls >= maxCalls) return { scenario: cur, calls, capped: true };
    const i = pos % cands.length;
    const cand = cands[i];
    pos = i + 1;
    quiet++;
    const key = keyOf(cand);
    if (tried.has(key)) continue;
    tried.add(key);
    calls++;
    if (fails(cand)) {
      cur = cand;
      cands = oneStepCandidates(cur, layer);
      pos = i;
      quiet = 0;
    }
  }
  return { scenario: cur, calls, capped: false };
};

/** The first one-step candidate that still fails, or null when the scenario is 1-minimal. */
export const firstFailingCandidate = <Sc extends ScenarioLike>(sc: Sc, layer: LayerId, fails: (s: Sc) => boolean): Sc | null =>
  oneStepCandidates(sc, layer).find(fails) ?? null;

/**
 * The kind of a violation: its `expected` text without the rendered op arguments (anything
 * in brackets or parentheses) and with every number replaced by '#'. "α(impl) = spec after
 * kill[p0]" and "α(impl) = spec after kill[p1]" are one kind; a boot failure, a different
 * op, a different output or a different rule is another.
 */
export const violationKind = (v: Violation): string => {
  let s = v.expected;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(/\[[^[\]]*\]/g, '').replace(/\([^()]*\)/g, '');
  }
  return s.replace(/0x[0-9a-f]+/gi, '#').replace(/-?\d+/g, '#');
};

/** "Fails with the same kind of violation as `original`": the predicate the suite minimises with. */
export const failsLike =
  <Sc>(original: Violation, check: (s: Sc) => Violation | null) =>
  (s: Sc): boolean => {
    const v = check(s);
    return v !== null && violationKind(v) === violationKind(original);
  };
