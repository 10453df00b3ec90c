// The proxy's return half (§5.2.3) pops the KCS and restores sp, DCS and the capabilities,
// but leaves the TLS base and resource identity of the callee in force: the caller resumes
// with its callee's thread-local storage and resources.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapKt, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-return-keeps-callee-identity',
  description: "the return path restores the current process but not the caller's TLS base and resource identity",
  cites: '§5.2.3 return path, §6.1.2; DESIGN §6 ACCT',
  targets: ['ACCT'],
  factory: designFactory('design-return-keeps-callee-identity', (s, op, spec) => {
    const r = spec(s, op);
    const back = new Set(resumedThreads(s, r.state));
    if (back.size === 0) return r;
    return { ...r, state: mapKt(r.state, (k, t) => (back.has(t) ? { ...k, tls: s.os.threads[t].tls, resource: s.os.threads[t].resource } : k)) };
  }),
};
