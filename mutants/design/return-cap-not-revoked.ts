// The proxy's return half (§5.2.3) revokes the return capability of the call it ends, so the
// callee cannot come back through it. This design never revokes it: a callee that kept its
// return capability can later jump to the return path again.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-return-cap-not-revoked',
  description: 'a call’s return capability stays valid after the call returns',
  cites: '§5.2.3 "return capability", DESIGN §4 step 6',
  targets: ['P3'],
  factory: designFactory('design-return-cap-not-revoked', (s, op, spec) => {
    const r = spec(s, op);
    const retCaps = new Set(s.os.threads.flatMap((k) => k.kcs.map((f) => f.returnCap)));
    const caps = r.state.hw.caps.map((c, i) => (retCaps.has(i) && c.revoked && !s.hw.caps[i].revoked ? { ...c, revoked: false } : c));
    return { ...r, state: { ...r.state, hw: { ...r.state.hw, caps } } };
  }),
};
