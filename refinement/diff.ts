// A readable first difference between two abstract states, for refinement failures.
import { isDeepStrictEqual } from 'node:util';
import type { SpecState } from '../spec/state/machine';

const mapDiff = <K, V>(name: string, a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): string | null => {
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (!isDeepStrictEqual(a.get(k), b.get(k))) return `${name}[${String(k)}]: spec ${JSON.stringify(a.get(k))} vs impl ${JSON.stringify(b.get(k))}`;
  }
  return null;
};

const arrayDiff = <T>(name: string, a: readonly T[], b: readonly T[]): string | null => {
  if (a.length !== b.length) return `${name}.length: spec ${a.length} vs impl ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (!isDeepStrictEqual(a[i], b[i])) return `${name}[${i}]: spec ${JSON.stringify(a[i])} vs impl ${JSON.stringify(b[i])}`;
  }
  return null;
};

/** null when the states are equal; otherwise the first field that differs (spec first). */
export const firstDifference = (spec: SpecState, impl: SpecState): string | null => {
  for (const k of ['wordsPerPage', 'entryAlign', 'numDomains', 'numCpus', 'dcsSize'] as const) {
    if (spec[k] !== impl[k]) return `${k}: spec ${spec[k]} vs impl ${impl[k]}`;
  }
  return (
    arrayDiff('pages', spec.pages, impl.pages) ??
    mapDiff('apl', spec.apl, impl.apl) ??
    mapDiff('memory', spec.memory, impl.memory) ??
    mapDiff('capMemory', spec.capMemory, impl.capMemory) ??
    arrayDiff('caps', spec.caps, impl.caps) ??
    arrayDiff('threads', spec.threads, impl.threads)
  );
};
