// Proxy templates (§6.1.1): the kernel builds a proxy's code from a template specialised by
// the entry's signature and effective policy, and caches templates so that a second request
// with the same shape only instantiates (copies and relocates) the cached code. In part A a
// template is only the record of that shape; `templatesInstantiated` counts distinct ones.
import type { Signature } from '../../alphabet/policy';

export interface ProxyTemplate {
  readonly key: number;
  readonly inRegs: number;
  readonly outRegs: number;
  readonly stackWords: number;
  readonly dcsArgs: number;
  /** Effective policy mask (policy-mask.ts). */
  readonly policy: number;
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
    };
    this.byKey.set(key, made);
    this.templatesInstantiated++;
    return made;
  }
}
