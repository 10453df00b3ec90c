// Isolation policies (§5.2.3) as 7-bit masks in ISOLATION_PROPS order, so that canonical
// form, the effective policy of Table 2 and template keys are a few bit operations.
import { ISOLATION_PROPS, type IsolationProp, REQUESTED_BY } from '../../alphabet/policy';

const BIT: Record<string, number> = Object.fromEntries(ISOLATION_PROPS.map((k, i) => [k, 1 << i]));

const maskWhere = (f: (k: IsolationProp) => boolean): number =>
  ISOLATION_PROPS.reduce((m, k, i) => (f(k) ? m | (1 << i) : m), 0);

/** Properties the caller (entry_request) may turn on: confidentiality and integrity. */
const CALLER_MAY = maskWhere((k) => REQUESTED_BY[k] !== 'callee');
/** Properties the callee (entry_register) may turn on: confidentiality and argument copy. */
const CALLEE_MAY = maskWhere((k) => REQUESTED_BY[k] !== 'caller');

/** The mask of a policy as an op names it: unknown names and repeats drop out (canonical form). */
export const policyMask = (p: readonly string[]): number => {
  let m = 0;
  for (let i = 0; i < p.length; i++) {
    const k = p[i];
    if (Object.prototype.hasOwnProperty.call(BIT, k)) m |= BIT[k];
  }
  return m;
};

/** Table 2: the union of both sides, each property kept only where its side may ask for it. */
export const effectiveMask = (callee: number, caller: number): number => (caller & CALLER_MAY) | (callee & CALLEE_MAY);

const ARRAYS: readonly IsolationProp[][] = Array.from({ length: 1 << ISOLATION_PROPS.length }, (_, m) =>
  ISOLATION_PROPS.filter((_, i) => (m & (1 << i)) !== 0),
);

/** The canonical policy a mask stands for (a fresh array). */
export const maskToPolicy = (m: number): IsolationProp[] => [...ARRAYS[m & (ARRAYS.length - 1)]];
