// Entry signatures and isolation properties (§5.2.3, DESIGN §4).
import * as t from 'io-ts';
import { exact, listOf, oneOf } from './codec';
import { intIn } from './int';

/** "number of input/output registers and stack size" (§5.2.3); capability arguments travel on the DCS. */
export const SignatureC = exact('a signature', {
  inRegs: intIn(0, 4),
  outRegs: intIn(0, 4),
  stackWords: intIn(0, 4),
  dcsArgs: intIn(0, 2),
});
export type Signature = t.TypeOf<typeof SignatureC>;

/** A signature with exactly its four fields (decoded input may carry more). */
export const canonicalSignature = (s: Signature): Signature => ({
  inRegs: s.inRegs,
  outRegs: s.outRegs,
  stackWords: s.stackWords,
  dcsArgs: s.dcsArgs,
});

export const sameSignature = (a: Signature, b: Signature): boolean =>
  a.inRegs === b.inRegs && a.outRegs === b.outRegs && a.stackWords === b.stackWords && a.dcsArgs === b.dcsArgs;

/** The seven isolation properties of §5.2.3, in a fixed order. */
export const ISOLATION_PROPS = ['regInt', 'regConf', 'stackInt', 'stackConf', 'dcsInt', 'dcsConf', 'argCopy'] as const;
export type IsolationProp = (typeof ISOLATION_PROPS)[number];
export const IsolationPropC = oneOf(ISOLATION_PROPS, 'an isolation property (regInt, regConf, stackInt, stackConf, dcsInt, dcsConf or argCopy)');
/** At most a few repeats of the seven properties: a policy is a set, decoded input may repeat. */
export const PolicyC = listOf(IsolationPropC, 'a list of isolation properties', 64);
export type Policy = readonly IsolationProp[];

/** Who may turn a property on (§5.2.3): confidentiality either side, integrity the caller, argument copy the callee. */
export const REQUESTED_BY: Record<IsolationProp, 'caller' | 'either' | 'callee'> = {
  regInt: 'caller',
  regConf: 'either',
  stackInt: 'caller',
  stackConf: 'either',
  dcsInt: 'caller',
  dcsConf: 'either',
  argCopy: 'callee',
};

/** A policy in canonical form: known properties, no repeats, in ISOLATION_PROPS order. */
export const canonicalPolicy = (p: readonly string[]): IsolationProp[] => ISOLATION_PROPS.filter((k) => p.includes(k));

/**
 * The per-entry policy a proxy enforces (Table 2: the union of what entry_register and
 * entry_request asked), keeping each property only where its side may request it.
 */
export const effectivePolicy = (callee: readonly string[], caller: readonly string[]): IsolationProp[] =>
  ISOLATION_PROPS.filter((k) => {
    const by = REQUESTED_BY[k];
    return (by !== 'callee' && caller.includes(k)) || (by !== 'caller' && callee.includes(k));
  });
