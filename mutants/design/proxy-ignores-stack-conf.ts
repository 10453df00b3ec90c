// The proxy (§5.3, §6.1) switches to a stack of the callee's when the effective policy asks
// for stack confidentiality. This design's proxy template leaves the stack switch out: the
// callee runs on its caller's stack, below the caller's live frames.
import type { DipcState } from '../../spec/state/dipc';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

const without = (s: DipcState): DipcState => ({
  ...s,
  os: { ...s.os, proxies: s.os.proxies.map((p) => (p.policy.includes('stackConf') ? { ...p, policy: p.policy.filter((x) => x !== 'stackConf') } : p)) },
});

export const mutant: DesignMutant = {
  id: 'design-proxy-ignores-stack-conf',
  description: 'the proxy never switches stacks, even when the policy asks for stack confidentiality',
  cites: '§5.3 stack confidentiality, §6.1 proxy templates',
  targets: ['ARG-STACK-CONF'],
  factory: designFactory('design-proxy-ignores-stack-conf', (s, op, spec) => {
    const r = spec(without(s), op);
    // The proxies keep the policy they were made with; only the proxy code ignores it.
    const proxies = r.state.os.proxies.map((p, i) => (i < s.os.proxies.length ? { ...p, policy: s.os.proxies[i].policy } : p));
    return { ...r, state: { ...r.state, os: { ...r.state.os, proxies } } };
  }),
};
