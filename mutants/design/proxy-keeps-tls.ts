// track_process_call (§6.1.2) switches the current process and its resource identity but
// forgets the TLS base: the callee runs with its caller's thread-local storage.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { enteredThreads, mapKt } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-proxy-keeps-tls',
  description: "track_process_call does not switch the TLS base to the callee's",
  cites: '§6.1.2 track_process_call; DESIGN §6 ACCT',
  targets: ['ACCT'],
  factory: designFactory('design-proxy-keeps-tls', (s, op, spec) => {
    const r = spec(s, op);
    const entered = new Set(enteredThreads(s, r.state));
    if (entered.size === 0) return r;
    return { ...r, state: mapKt(r.state, (k, t) => (entered.has(t) ? { ...k, tls: s.os.threads[t].tls } : k)) };
  }),
};
