// With DCS confidentiality (§5.3) the callee gets a DCS of its own holding copies of the
// arguments; the return path gives the caller its saved DCS back. This design forgets to:
// the caller resumes on the callee's DCS, its own entries lost and the callee's handed over.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-return-keeps-callee-dcs',
  description: "the return path does not give the caller back its saved DCS (DCS confidentiality)",
  cites: '§5.3 DCS confidentiality, §5.2.3 return path',
  targets: ['P3'],
  factory: designFactory('design-return-keeps-callee-dcs', (s, op, spec) => {
    const r = spec(s, op);
    const back = resumedThreads(s, r.state).filter((t) => s.os.threads[t].kcs[r.state.os.threads[t].kcs.length]?.savedDcs != null);
    if (back.length === 0) return r;
    return { ...r, state: mapCtx(r.state, (c, t) => (back.includes(t) ? { ...c, dcs: s.hw.threads[t].dcs, dcsBase: Math.min(c.dcsBase, s.hw.threads[t].dcs.length) } : c)) };
  }),
};
