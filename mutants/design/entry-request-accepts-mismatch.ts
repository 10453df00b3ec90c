// entry_request(e, entries) (Table 2, §5.2.3, P4) builds proxies only when every requested
// signature equals the registered one. This design trusts the requester's signatures: the
// proxy copies and clears what the caller declared, not what the callee expects.
import type { DipcState } from '../../spec/state/dipc';
import { entryHandle } from '../../spec/transitions/dipc/handle-lookup';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { currentOf, syscallOf, threadOf, withCheckFooled } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-entry-request-accepts-mismatch',
  description: "entry_request does not compare the requested signatures with the registered ones",
  cites: 'Table 2 entry_request; §5.2.3; P4',
  targets: ['P4'],
  factory: designFactory('design-entry-request-accepts-mismatch', (s, op, spec) => {
    const c = syscallOf(op, 'entry_request');
    const pid = currentOf(s, threadOf(s, op));
    if (c === null || pid < 0) return spec(s, op);
    const h = entryHandle(s, pid, c.e);
    if (h === null) return spec(s, op);
    const e = h.entry;
    const entry = s.os.entries[e];
    if (c.entries.length !== entry.entries.length) return spec(s, op);
    const fool = (x: DipcState): DipcState => ({
      ...x,
      os: { ...x.os, entries: x.os.entries.map((en, i) => (i === e ? { ...en, entries: en.entries.map((p, j) => ({ ...p, signature: c.entries[j].sig })) } : en)) },
    });
    return withCheckFooled(s, op, spec, fool, (before, after) => ({
      ...after,
      os: { ...after.os, entries: after.os.entries.map((en, i) => (i === e ? before.os.entries[e] : en)) },
    }));
  }),
};
