// dom_remap(dst, src, addr, n) (Table 2, §5.2.2) moves pages between domains only when the
// caller owns both. This design checks the destination only: a process can pull pages of
// any domain it can name into a domain of its own.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { currentOf, restoreHandle, setHandle, syscallOf, threadOf, withCheckFooled } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-dom-remap-without-ownership',
  description: 'dom_remap does not require owner permission on the source domain',
  cites: 'Table 2 dom_remap "iff src.perm == owner and dst.perm == owner"; §5.2.2',
  targets: ['P1'],
  factory: designFactory('design-dom-remap-without-ownership', (s, op, spec) => {
    const c = syscallOf(op, 'dom_remap');
    const pid = currentOf(s, threadOf(s, op));
    if (c === null || pid < 0) return spec(s, op);
    return withCheckFooled(s, op, spec,
      (x) => setHandle(x, pid, c.src, (h) => (h.k === 'dom' ? { ...h, perm: 'owner' } : h)),
      (before, after) => restoreHandle(before, after, pid, c.src));
  }),
};
