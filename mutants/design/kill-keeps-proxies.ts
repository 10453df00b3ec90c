// kill(p) (§5.2.1, DESIGN §5) undoes p's grants and APL entries and releases its block, but
// forgets its entries and the proxies to and from it: they stay live, and a call through one
// reaches a process that no longer exists.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-kill-keeps-proxies',
  description: "kill leaves the dead process's entries and the proxies to and from it live",
  cites: '§5.2.1; DESIGN §5 kill "its entries and the proxies to and from it disappear"',
  targets: ['UNW'],
  factory: designFactory('design-kill-keeps-proxies', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'kill' || r.output.out !== 'ok') return r;
    return {
      ...r,
      state: {
        ...r.state,
        os: {
          ...r.state.os,
          entries: r.state.os.entries.map((e, i) => (i < s.os.entries.length ? { ...e, live: s.os.entries[i].live } : e)),
          proxies: r.state.os.proxies.map((x, i) => (i < s.os.proxies.length ? { ...x, live: s.os.proxies[i].live } : x)),
        },
      },
    };
  }),
};
