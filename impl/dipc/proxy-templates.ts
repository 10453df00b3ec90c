// Proxy templates (§6.1.1): the kernel builds a proxy's code from a template specialised by
// the entry's signature and effective policy, and caches templates so that a second request
// with the same shape only instantiates (copies and relocates) the cached code. A template
// here is the decoded form of that code: which steps the entry and return halves run (stack
// switch with how many argument words, DCS switch or DCS base raise with how many entries).
// `templatesInstantiated` counts distinct templates generated, `hits` the reuses.
import type { Signature } from '../../alphabet/policy';
import { policyMask } from './policy-mask';

const STACK_CONF = policyMask(['stackConf']);
const DCS_CONF = policyMask(['dcsConf']);
const DCS_INT = policyMask(['dcsInt']);

export interface ProxyTemplate {
  readonly key: number;
  readonly inRegs: number;
  readonly outRegs: number;
  readonly stackWords: number;
  readonly dcsArgs: number;
  /** Effective policy mask (policy-mask.ts). */
  readonly policy: number;
  /** Stack confidentiality + integrity: switch to the thread's stack in the callee, copying stackWords words. */
  readonly switchStack: boolean;
  /** DCS confidentiality + integrity: the callee gets its own DCS with copies of the dcsArgs top entries. */
  readonly ownDcs: boolean;
  /** DCS integrity alone: the DCS base is raised to top - dcsArgs. */
  readonly raiseDcsBase: boolean;
}

/** Signature fields are 0..4 and 0..2: 3 bits each, then the 7 policy bits. */
export const templateKeyOf = (sig: Signature, policy: number): number =>
  (sig.inRegs & 7) | ((sig.outRegs & 7) << 3) | ((sig.stackWords & 7) << 6) | ((sig.dcsArgs & 7) << 9) | (policy << 12);

export class TemplateCache {
  private readonly byKey = new Map<number, ProxyTemplate>();
  templatesInstantiated = 0;
  hits = 0;

  /** The cached template for `key`, generated from `sig`/`policy` on a miss. */
  lookup(key: number, sig: Signature, policy: number): ProxyTemplate {
    const hit = this.byKey.get(key);
    if (hit !== undefined) {
      this.hits++;
      return hit;
    }
    const made: ProxyTemplate = {
      key, inRegs: sig.inRegs, outRegs: sig.outRegs, stackWords: sig.stackWords, dcsArgs: sig.dcsArgs, policy,
      switchStack: (policy & STACK_CONF) !== 0,
      ownDcs: (policy & DCS_CONF) !== 0,
      raiseDcsBase: (policy & DCS_CONF) === 0 && (policy & DCS_INT) !== 0,
    };
    this.byKey.set(key, made);
    this.templatesInstantiated++;
    return made;
  }
}
