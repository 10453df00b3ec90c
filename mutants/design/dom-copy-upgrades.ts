// dom_copy(h, perm) (Table 2) makes a handle with a permission no higher than h's. This
// design copies any permission asked for: a read or call handle becomes an owner handle.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { currentOf, restoreHandle, setHandle, syscallOf, threadOf, withCheckFooled } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-dom-copy-upgrades',
  description: 'dom_copy grants the permission asked for, even above the source handle’s',
  cites: 'Table 2 dom_copy "iff perm <= h.perm"; §5.2.2',
  targets: ['P1'],
  factory: designFactory('design-dom-copy-upgrades', (s, op, spec) => {
    const c = syscallOf(op, 'dom_copy');
    const pid = currentOf(s, threadOf(s, op));
    if (c === null || pid < 0) return spec(s, op);
    return withCheckFooled(s, op, spec,
      (x) => setHandle(x, pid, c.h, (h) => (h.k === 'dom' ? { ...h, perm: 'owner' } : h)),
      (before, after) => restoreHandle(before, after, pid, c.h));
  }),
};
