// The combinations the audit reports (docs/audit.md "Combinations"): every pair of a
// caller-requested and a callee-requested policy, each side asking only for what it may
// (REQUESTED_BY), deduplicated by what the model does with the pair:
//  - the proxy applies the effective policy (alphabet/policy.ts effectivePolicy), and of it
//    only stackConf (switch stacks), dcsConf (own DCS) and dcsInt (raise the DCS base;
//    ignored under dcsConf) (spec/transitions/dipc/proxy.ts, proxyEnter);
//  - the caller's stub applies the caller's own request: regInt, regConf, stackInt
//    (stubs.ts callerPrologue / callerEpilogueActs);
//  - the callee's stub applies the callee's own request: regConf, argCopy
//    (stubs.ts calleePrologueActs / calleeReturnActs).
// Two pairs with the same (proxy, caller stub, callee stub) key run identically on every
// trace; test/audit.test.ts checks it on generated scenarios.
import { effectivePolicy, ISOLATION_PROPS, type IsolationProp, REQUESTED_BY } from '../alphabet/policy';

export const CALLER_MAY: readonly IsolationProp[] = ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'callee');
export const CALLEE_MAY: readonly IsolationProp[] = ISOLATION_PROPS.filter((k) => REQUESTED_BY[k] !== 'caller');

/** What the caller's stub, the proxy and the callee's stub each implement for a pair. */
export interface PolicyKey {
  readonly proxy: readonly IsolationProp[];
  readonly callerStub: readonly IsolationProp[];
  readonly calleeStub: readonly IsolationProp[];
}

const only = (p: readonly IsolationProp[], keep: readonly IsolationProp[]): IsolationProp[] => ISOLATION_PROPS.filter((k) => p.includes(k) && keep.includes(k));

export const keyOf = (caller: readonly IsolationProp[], callee: readonly IsolationProp[]): PolicyKey => {
  const eff = effectivePolicy(callee, caller);
  const proxy = only(eff, ['stackConf', 'dcsInt', 'dcsConf']).filter((k) => !(k === 'dcsInt' && eff.includes('dcsConf')));
  return {
    proxy,
    callerStub: only(caller.filter((k) => REQUESTED_BY[k] !== 'callee'), ['regInt', 'regConf', 'stackInt']),
    calleeStub: only(callee.filter((k) => REQUESTED_BY[k] !== 'caller'), ['regConf', 'argCopy']),
  };
};

export const keyString = (k: PolicyKey): string => `${k.proxy.join(',')}|${k.callerStub.join(',')}|${k.calleeStub.join(',')}`;

/** Two-letter codes for compact names and tables. */
export const CODE: Record<IsolationProp, string> = {
  regInt: 'RI', regConf: 'RC', stackInt: 'SI', stackConf: 'SC', dcsInt: 'DI', dcsConf: 'DC', argCopy: 'AC',
};
export const codes = (p: readonly IsolationProp[]): string => (p.length === 0 ? '-' : p.map((k) => CODE[k]).join(' '));

/** Paper Figure 5's two policies, as this project reads them (docs/audit.md "Low and High"). */
export const PAPER_POLICIES = {
  Low: { caller: ['regInt'] as IsolationProp[], callee: [] as IsolationProp[] },
  High: { caller: [...CALLER_MAY], callee: [...CALLEE_MAY] },
} as const;
export type PaperPolicy = keyof typeof PAPER_POLICIES;

export interface Combination {
  /** Position in the audit's order (0-based). */
  readonly index: number;
  /** The representative pair: the fewest properties, the caller asking for a shared one. */
  readonly caller: readonly IsolationProp[];
  readonly callee: readonly IsolationProp[];
  /** effectivePolicy(callee, caller): what the proxy is built with (Table 2: the union). */
  readonly effective: readonly IsolationProp[];
  readonly key: PolicyKey;
  /** How many of the 1024 (caller, callee) pairs behave as this one. */
  readonly pairs: number;
  /** Paper Figure 5's policy this combination is, if any. */
  readonly paper: PaperPolicy | null;
  /** A file-name-safe name: caller-RI.SI--callee-AC. */
  readonly name: string;
}

const subsets = (of: readonly IsolationProp[]): IsolationProp[][] =>
  Array.from({ length: 1 << of.length }, (_, m) => of.filter((_k, i) => (m >> i) & 1));

const nameOf = (caller: readonly IsolationProp[], callee: readonly IsolationProp[]): string => {
  const part = (p: readonly IsolationProp[]) => (p.length === 0 ? 'none' : p.map((k) => CODE[k]).join('.'));
  return `caller-${part(caller)}--callee-${part(callee)}`;
};

const size = (k: PolicyKey) => k.proxy.length + k.callerStub.length + k.calleeStub.length;
const rank = (p: readonly IsolationProp[]) => p.reduce((acc, k) => acc + (1 << (ISOLATION_PROPS.length - 1 - ISOLATION_PROPS.indexOf(k))), 0);

/**
 * Every distinct combination, in the audit's order: by how many properties the stubs and
 * proxy implement, then by the key's properties in ISOLATION_PROPS order (stronger later).
 */
export const enumerateCombinations = (): Combination[] => {
  const groups = new Map<string, { key: PolicyKey; pairs: { caller: IsolationProp[]; callee: IsolationProp[] }[] }>();
  for (const caller of subsets(CALLER_MAY))
    for (const callee of subsets(CALLEE_MAY)) {
      const key = keyOf(caller, callee);
      const ks = keyString(key);
      const g = groups.get(ks) ?? { key, pairs: [] };
      g.pairs.push({ caller, callee });
      groups.set(ks, g);
    }
  const paperKeys = new Map(Object.entries(PAPER_POLICIES).map(([name, p]) => [keyString(keyOf(p.caller, p.callee)), name as PaperPolicy]));
  const rep = (pairs: { caller: IsolationProp[]; callee: IsolationProp[] }[]) =>
    // Fewest properties; on a tie the caller asks (the first pair enumerated with the most caller properties).
    [...pairs].sort((a, b) => a.caller.length + a.callee.length - (b.caller.length + b.callee.length) || b.caller.length - a.caller.length)[0];
  return [...groups.values()]
    .sort((a, b) => {
      const ka = a.key;
      const kb = b.key;
      return (
        size(ka) - size(kb) ||
        rank([...ka.proxy, ...ka.callerStub]) - rank([...kb.proxy, ...kb.callerStub]) ||
        rank(ka.calleeStub) - rank(kb.calleeStub)
      );
    })
    .map((g, index) => {
      const r = rep(g.pairs);
      return {
        index,
        caller: r.caller,
        callee: r.callee,
        effective: effectivePolicy(r.callee, r.caller),
        key: g.key,
        pairs: g.pairs.length,
        paper: paperKeys.get(keyString(g.key)) ?? null,
        name: nameOf(r.caller, r.callee),
      };
    });
};

/** The combination a (caller, callee) pair behaves as. */
export const combinationOf = (combos: readonly Combination[], caller: readonly IsolationProp[], callee: readonly IsolationProp[]): Combination | undefined => {
  const ks = keyString(keyOf(caller, callee));
  return combos.find((c) => keyString(c.key) === ks);
};
