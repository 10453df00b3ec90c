// The proxy's return half (§5.2.3) restores the caller's sp saved at the call. This design
// trusts the callee's sp: the caller resumes with whatever stack pointer the callee left
// (one word above it, as if the return address had been popped from there).
import { SP } from '../../alphabet/config';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-return-keeps-callee-sp',
  description: "the return path does not restore the caller's sp: the caller resumes on the callee's stack pointer",
  cites: '§5.2.3 return path, §5.2.1; DESIGN §4 step 6',
  targets: ['P3'],
  factory: designFactory('design-return-keeps-callee-sp', (s, op, spec) => {
    const r = spec(s, op);
    const back = new Set(resumedThreads(s, r.state));
    if (back.size === 0) return r;
    return { ...r, state: mapCtx(r.state, (c, t) => (back.has(t) ? { ...c, regs: c.regs.map((v, i) => (i === SP ? s.hw.threads[t].regs[SP] + 1 : v)) } : c)) };
  }),
};
