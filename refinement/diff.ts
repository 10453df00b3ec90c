// A readable first difference between two abstract states, for refinement failures.
//
// Identity fast paths (issue 14): abstract states are immutable snapshots (refinement/
// machine.ts, "Snapshots"), the spec's steps share every part they do not change, and the
// impl's α (refinement/abstraction.ts) keeps unchanged parts as the same objects. So two
// parts that are the same object are equal, and two parts once found equal stay equal:
// `sameValue` remembers, per part, the last part it was found equal to. Comparing a state
// with its successor, or the spec's state with α(impl) one op later, then costs only the
// parts the op changed.
import { isDeepStrictEqual } from 'node:util';
import type { SpecState } from '../spec/state/machine';

/** The last object each part was found deeply equal to (both immutable snapshots). */
const equalTo = new WeakMap<object, object>();

/** isDeepStrictEqual, free for the same object and for a pair already found equal. */
export const sameValue = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true; // not ===: deep equality tells 0 from -0
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return isDeepStrictEqual(a, b);
  if (equalTo.get(a) === b) return true;
  if (!isDeepStrictEqual(a, b)) return false;
  equalTo.set(a, b);
  return true;
};

/** Arrays element by element through sameValue (so unchanged elements cost nothing); remembered as a whole when equal. */
export const sameArray = (a: readonly unknown[], b: readonly unknown[]): boolean => {
  if (a === b || equalTo.get(a) === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
  equalTo.set(a, b);
  return true;
};

const mapDiff = <K, V>(name: string, a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): string | null => {
  if (sameValue(a, b)) return null;
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (!isDeepStrictEqual(a.get(k), b.get(k))) return `${name}[${String(k)}]: spec ${JSON.stringify(a.get(k))} vs impl ${JSON.stringify(b.get(k))}`;
  }
  return null;
};

const arrayDiff = <T>(name: string, a: readonly T[], b: readonly T[]): string | null => {
  if (sameArray(a, b)) return null;
  if (a.length !== b.length) return `${name}.length: spec ${a.length} vs impl ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!sameValue(a[i], b[i])) return `${name}[${i}]: spec ${JSON.stringify(a[i])} vs impl ${JSON.stringify(b[i])}`;
  }
  return null;
};

/** null when the states are equal; otherwise the first field that differs (spec first). */
export const firstDifference = (spec: SpecState, impl: SpecState): string | null => {
  if (spec === impl || equalTo.get(spec) === impl) return null;
  for (const k of ['wordsPerPage', 'entryAlign', 'numDomains', 'numCpus', 'dcsSize'] as const) {
    if (spec[k] !== impl[k]) return `${k}: spec ${spec[k]} vs impl ${impl[k]}`;
  }
  const d =
    arrayDiff('pages', spec.pages, impl.pages) ??
    mapDiff('apl', spec.apl, impl.apl) ??
    mapDiff('memory', spec.memory, impl.memory) ??
    mapDiff('capMemory', spec.capMemory, impl.capMemory) ??
    arrayDiff('caps', spec.caps, impl.caps) ??
    arrayDiff('threads', spec.threads, impl.threads);
  if (d === null) equalTo.set(spec, impl);
  return d;
};
