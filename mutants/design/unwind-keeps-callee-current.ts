// Unwinding (§5.2.1): when a callee crashes or is killed, the kernel resumes its caller with
// an error and the caller's identity. This design restores the caller's sp, DCS and
// capabilities but leaves the crashed callee as the current process of the resumed thread.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapKt, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-unwind-keeps-callee-current',
  description: 'after a crash or kill unwinds a call, the resumed caller still runs as the callee process (current, TLS, resource)',
  cites: '§5.2.1 unwinding; DESIGN §5',
  targets: ['UNW', 'P3'],
  factory: designFactory('design-unwind-keeps-callee-current', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op === 'stub_return' || op.op === 'ret' || op.op === 'jump' || op.op === 'call') return r;
    const back = new Set(resumedThreads(s, r.state));
    if (back.size === 0) return r;
    return { ...r, state: mapKt(r.state, (k, t) => (back.has(t) ? { ...k, current: s.os.threads[t].current, tls: s.os.threads[t].tls, resource: s.os.threads[t].resource } : k)) };
  }),
};
