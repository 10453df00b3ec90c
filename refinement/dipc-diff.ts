// A readable first difference between two dIPC states (spec first), for refinement failures.
// Parts that are the same object, or were already found equal, cost nothing (refinement/diff.ts).
import type { DipcState } from '../spec/state/dipc';
import { firstDifference, sameArray, sameValue } from './diff';

const show = (v: unknown): string =>
  JSON.stringify(v, (_, x) => (x instanceof Map ? Object.fromEntries(x) : x)) ?? String(v);

export const firstDipcDifference = (spec: DipcState, impl: DipcState): string | null => {
  if (spec === impl) return null;
  if (!sameValue(spec.config, impl.config)) return 'config differs';
  const hw = firstDifference(spec.hw, impl.hw);
  if (hw !== null) return `hw.${hw}`;
  if (spec.os === impl.os) return null;
  for (const k of Object.keys(spec.os) as (keyof DipcState['os'])[]) {
    const a = spec.os[k];
    const b = impl.os[k];
    if (Array.isArray(a) && Array.isArray(b)) {
      if (sameArray(a, b)) continue;
      if (a.length !== b.length) return `os.${k}.length: spec ${a.length} vs impl ${b.length}`;
      const i = a.findIndex((x, j) => !sameValue(x, b[j]));
      return `os.${k}[${i}]: spec ${show(a[i])} vs impl ${show(b[i])}`;
    }
    if (sameValue(a, b)) continue;
    return `os.${k}: spec ${show(a)} vs impl ${show(b)}`;
  }
  return null;
};
