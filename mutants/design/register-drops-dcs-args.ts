// entry_register(h, entries) (Table 2, §5.2.3) records each entry's signature; entry_request
// builds proxies only when the requested signatures equal the registered ones (P4). This
// design keeps only the register and stack counts of a registered signature and forgets its
// DCS arguments: a caller that declares none then passes the check, and its proxy hands the
// callee no DCS arguments where the callee expects capabilities. A P4 that compared requests
// with the kernel's own entry records would agree with it; the witness records what
// entry_register was asked.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { syscallOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-register-drops-dcs-args',
  description: "entry_register records each signature without its DCS arguments",
  cites: 'Table 2 entry_register and entry_request; §5.2.3 "signature"; P4',
  targets: ['P4'],
  factory: designFactory('design-register-drops-dcs-args', (s, op, spec) => {
    const r = spec(s, op);
    if (syscallOf(op, 'entry_register') === null || r.state.os.entries.length <= s.os.entries.length) return r;
    const made = r.state.os.entries.length - 1;
    const entries = r.state.os.entries.map((en, i) => (i === made ? { ...en, entries: en.entries.map((p) => ({ ...p, signature: { ...p.signature, dcsArgs: 0 } })) } : en));
    return { ...r, state: { ...r.state, os: { ...r.state.os, entries } } };
  }),
};
