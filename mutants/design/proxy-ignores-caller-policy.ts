// entry_request (Table 2, §5.2.3) builds each proxy to enforce the union of what the callee
// registered and what the requester asked ("the caller and callee can each request
// properties"). This design builds it from the callee's registration alone: a caller that
// asks for DCS integrity or stack confidentiality gets neither unless the callee asked too.
// A property that takes the policy from the proxy it judges agrees with the flaw (the call
// looks unguarded); the witness keeps what the requester asked.
import { effectivePolicy } from '../../alphabet/policy';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-proxy-ignores-caller-policy',
  description: "entry_request builds the proxy from the callee's registered policy only, ignoring what the caller asked",
  cites: 'Table 2 entry_request; §5.2.3 (both sides request isolation properties)',
  targets: ['ARG-DCS-INT', 'ARG-STACK-CONF', 'ARG-STACK-INT'],
  factory: designFactory('design-proxy-ignores-caller-policy', (s, op, spec) => {
    const r = spec(s, op);
    const n0 = s.os.proxies.length;
    if (r.state.os.proxies.length <= n0) return r;
    const proxies = r.state.os.proxies.map((px, j) => {
      if (j < n0) return px;
      const registered = r.state.os.entries[px.entry]?.entries[px.slot]?.policy ?? [];
      return { ...px, policy: effectivePolicy(registered, []) };
    });
    return { ...r, state: { ...r.state, os: { ...r.state.os, proxies } } };
  }),
};
