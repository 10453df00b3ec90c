// grant_create(src, dst) (Table 2, §5.2.2) requires owner permission on src: only the owner
// of a domain may widen its APL. This design forgets the rung, so any handle to a domain
// (read, call, even one received from another process) lets its holder give that domain
// access to anything it can name.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { currentOf, restoreHandle, setHandle, syscallOf, threadOf, withCheckFooled } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-grant-create-without-owner',
  description: 'grant_create does not require owner permission on the source domain',
  cites: 'Table 2 grant_create "iff src.perm == owner"; §5.2.2',
  targets: ['P1'],
  factory: designFactory('design-grant-create-without-owner', (s, op, spec) => {
    const c = syscallOf(op, 'grant_create');
    const pid = currentOf(s, threadOf(s, op));
    if (c === null || pid < 0) return spec(s, op);
    return withCheckFooled(s, op, spec,
      (x) => setHandle(x, pid, c.src, (h) => (h.k === 'dom' ? { ...h, perm: 'owner' } : h)),
      (before, after) => restoreHandle(before, after, pid, c.src));
  }),
};
