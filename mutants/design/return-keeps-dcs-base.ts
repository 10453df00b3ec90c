// The proxy's return half (§5.2.3, §5.3) restores the DCS base the caller had at the call.
// This design leaves the callee's base: after a call with DCS integrity the caller's own
// entries below the arguments stay hidden from it.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-return-keeps-dcs-base',
  description: "the return path does not restore the caller's DCS base",
  cites: '§5.3 DCS integrity, §5.2.3 return path',
  targets: ['P3'],
  factory: designFactory('design-return-keeps-dcs-base', (s, op, spec) => {
    const r = spec(s, op);
    const back = new Set(resumedThreads(s, r.state));
    if (back.size === 0) return r;
    return { ...r, state: mapCtx(r.state, (c, t) => (back.has(t) ? { ...c, dcsBase: Math.min(s.hw.threads[t].dcsBase, c.dcs.length) } : c)) };
  }),
};
