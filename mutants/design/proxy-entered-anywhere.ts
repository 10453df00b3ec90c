// A proxy (§5.2.3, DESIGN §4) is trusted kernel code entered only at its first instruction
// (or its return path): every other address of a proxy domain holds a trap. This design
// treats a proxy domain as ordinary code once a process may call it: a control transfer to
// any other address of it just lands there, and the thread runs the proxy's privileged code
// as user code, past every check the proxy makes at its start.
import type { Op } from '../../alphabet/ops';
import type { DipcState } from '../../spec/state/dipc';
import { pageOf } from '../../spec/state/pages';
import { landingOf } from '../../spec/transitions/dipc/proxy';
import { step as codomsStep } from '../../spec/transitions/step';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-proxy-entered-anywhere',
  description: 'a control transfer into a proxy domain away from its first instruction and return path lands there instead of trapping',
  cites: '§5.2.3 trusted proxies; DESIGN §4 (a proxy is entered only at its start)',
  targets: ['UNW'],
  factory: designFactory('design-proxy-entered-anywhere', (s, op, spec) => {
    if (op.op !== 'call' && op.op !== 'jump' && op.op !== 'ret') return spec(s, op);
    const t = threadOf(s, op);
    if (t < 0 || s.os.threads[t].ended) return spec(s, op);
    const plain = codomsStep(s.hw, { ...op, t } as Op);
    if (plain.output.out === 'fault') return spec(s, op);
    const ip = plain.state.threads[t].ip;
    if (landingOf(s, ip)?.at !== 'trap') return spec(s, op);
    const tag = pageOf({ wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages }, ip)?.tag;
    const d = tag === undefined ? undefined : s.os.domains.get(tag);
    if (tag === undefined || d === undefined) return spec(s, op);
    // The landing check sees an ordinary domain there; the proxy domain is put back after.
    const domains = new Map(s.os.domains);
    domains.set(tag, { ...d, kind: 'created' });
    const r = spec({ ...s, os: { ...s.os, domains } } as DipcState, op);
    const back = new Map(r.state.os.domains);
    back.set(tag, d);
    return { ...r, state: { ...r.state, os: { ...r.state.os, domains: back } } };
  }),
};
