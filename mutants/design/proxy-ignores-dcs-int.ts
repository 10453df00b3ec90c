// The proxy (§5.3) raises the DCS base to just below the arguments when the effective policy
// asks for DCS integrity. This design's proxy leaves the base where it was: the callee can
// pop and overwrite its caller's DCS entries.
import type { DipcState } from '../../spec/state/dipc';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

const without = (s: DipcState): DipcState => ({
  ...s,
  os: { ...s.os, proxies: s.os.proxies.map((p) => (p.policy.includes('dcsInt') ? { ...p, policy: p.policy.filter((x) => x !== 'dcsInt') } : p)) },
});

export const mutant: DesignMutant = {
  id: 'design-proxy-ignores-dcs-int',
  description: 'the proxy never raises the DCS base, even when the policy asks for DCS integrity',
  cites: '§5.3 DCS integrity, §6.1 proxy templates',
  targets: ['ARG-STACK-INT'],
  factory: designFactory('design-proxy-ignores-dcs-int', (s, op, spec) => {
    const r = spec(without(s), op);
    const proxies = r.state.os.proxies.map((p, i) => (i < s.os.proxies.length ? { ...p, policy: s.os.proxies[i].policy } : p));
    return { ...r, state: { ...r.state, os: { ...r.state.os, proxies } } };
  }),
};
