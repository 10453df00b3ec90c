// grant_revoke(g) (Table 2, §5.2.2) sets g.dst back to nil in g.src's APL. This design marks
// the grant dead in the kernel's table but leaves the APL entry: the access it gave outlives
// its revocation.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { syscallOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-grant-revoke-keeps-apl',
  description: 'grant_revoke forgets the grant but leaves its APL entry in force',
  cites: 'Table 2 grant_revoke "set permission to nil"; §5.2.2',
  targets: ['P1'],
  factory: designFactory('design-grant-revoke-keeps-apl', (s, op, spec) => {
    const r = spec(s, op);
    if (syscallOf(op, 'grant_revoke') === null || r.output.out !== 'value') return r;
    return { ...r, state: { ...r.state, hw: { ...r.state.hw, apl: s.hw.apl } } };
  }),
};
