// track_process_call (§6.1.2) switches the current process and the TLS base but forgets the
// resource identity (fd table, user id): the callee acts with its caller's resources.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { enteredThreads, mapKt } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-proxy-keeps-resource',
  description: "track_process_call does not switch the resource identity to the callee's",
  cites: '§5.2.1, §6.1.2 track_process_call; DESIGN §6 ACCT',
  targets: ['ACCT'],
  factory: designFactory('design-proxy-keeps-resource', (s, op, spec) => {
    const r = spec(s, op);
    const entered = new Set(enteredThreads(s, r.state));
    if (entered.size === 0) return r;
    return { ...r, state: mapKt(r.state, (k, t) => (entered.has(t) ? { ...k, resource: s.os.threads[t].resource } : k)) };
  }),
};
