// kill(p) (§5.2.1, §5.2.2) tears down p's APL entries, grants, pages, entries and proxies,
// but the kernel's handle lookup forgets that a domain dies with the process that made it:
// a handle another process holds to one of p's domains still works after the kill (it can
// copy it, grant access to it, map pages or register entries in it), so authority over a
// dead process's domains outlives the process. The old UNW, reading the spec's own lists,
// saw it only when a grant put a dead domain back in an APL; the witness-based UNW judges
// every use of a handle it saw name p's domain.
import type { DomainInfo } from '../../spec/state/domains';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-kill-leaves-handles-usable',
  description: "after kill(p), handles to p's domains still work in system calls (the lookup forgets that a domain dies with its maker)",
  cites: '§5.2.1, §5.2.2 (Table 2 handle use); DESIGN §5 kill',
  targets: ['UNW'],
  factory: designFactory('design-kill-leaves-handles-usable', (s, op, spec) => {
    if (op.op !== 'syscall') return spec(s, op);
    const orphans = [...s.os.domains].filter(([, d]) => d.creator !== null && s.os.processes[d.creator]?.alive === false);
    if (orphans.length === 0) return spec(s, op);
    // The lookup sees the dead process's domains as ones nobody made (always alive)...
    const seen = new Map<number, DomainInfo>(s.os.domains);
    for (const [tag, d] of orphans) seen.set(tag, { ...d, creator: null });
    const r = spec({ ...s, os: { ...s.os, domains: seen } }, op);
    // ...and the kernel's records keep their maker.
    const domains = new Map(r.state.os.domains);
    for (const [tag, d] of orphans) if (domains.get(tag)?.creator === null) domains.set(tag, d);
    return { ...r, state: { ...r.state, os: { ...r.state.os, domains } } };
  }),
};
