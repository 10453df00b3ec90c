// entry_register(h, entries) (Table 2, §5.2.3) publishes entry points of a domain the caller
// owns. This design accepts any handle to the domain: a process holding only call (or read)
// permission on another process's domain registers entries into that process's code, and
// whoever calls them runs that code as its owner.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { currentOf, restoreHandle, setHandle, syscallOf, threadOf, withCheckFooled } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-entry-register-without-owner',
  description: 'entry_register does not require owner permission on the domain',
  cites: 'Table 2 entry_register "iff h.perm == owner"; §5.2.3',
  targets: ['P1', 'P2'],
  factory: designFactory('design-entry-register-without-owner', (s, op, spec) => {
    const c = syscallOf(op, 'entry_register');
    const pid = currentOf(s, threadOf(s, op));
    if (c === null || pid < 0) return spec(s, op);
    return withCheckFooled(s, op, spec,
      (x) => setHandle(x, pid, c.h, (h) => (h.k === 'dom' ? { ...h, perm: 'owner' } : h)),
      (before, after) => restoreHandle(before, after, pid, c.h));
  }),
};
