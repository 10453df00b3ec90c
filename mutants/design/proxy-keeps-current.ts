// track_process_call (§6.1.2) switches the TLS base and the resource identity but not the
// current process: the callee's code runs while the kernel still believes the caller runs.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { enteredThreads, mapKt } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-proxy-keeps-current',
  description: 'track_process_call does not switch the current process (TLS and resource identity are switched)',
  cites: '§5.2.1, §6.1.2 track_process_call; DESIGN §6 ACCT',
  targets: ['P2'],
  factory: designFactory('design-proxy-keeps-current', (s, op, spec) => {
    const r = spec(s, op);
    const entered = new Set(enteredThreads(s, r.state));
    if (entered.size === 0) return r;
    return { ...r, state: mapKt(r.state, (k, t) => (entered.has(t) ? { ...k, current: s.os.threads[t].current } : k)) };
  }),
};
