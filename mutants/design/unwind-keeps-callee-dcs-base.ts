// Unwinding (§5.2.1, §5.3 DCS integrity): when a callee crashes or is killed, the kernel
// resumes its caller as its own call left it. This design restores the caller's ip, sp, DCS
// entries and identity but leaves the DCS base where the failed callee had it: after a call
// with DCS integrity the caller's own entries below the arguments stay hidden from it (and
// an honest caller's epilogue cannot pop its arguments). The old UNW checked only the DCS's
// length, from the KCS frame; the witness-based UNW compares the base with the one it saw at
// the call.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-unwind-keeps-callee-dcs-base',
  description: "after a crash or kill unwinds a call, the resumed caller keeps the failed callee's DCS base",
  cites: '§5.2.1 unwinding, §5.3 DCS integrity; DESIGN §5',
  targets: ['UNW'],
  factory: designFactory('design-unwind-keeps-callee-dcs-base', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op === 'stub_return' || op.op === 'ret' || op.op === 'jump' || op.op === 'call') return r;
    const back = new Set(resumedThreads(s, r.state));
    if (back.size === 0) return r;
    return { ...r, state: mapCtx(r.state, (c, t) => (back.has(t) ? { ...c, dcsBase: Math.min(s.hw.threads[t].dcsBase, c.dcs.length) } : c)) };
  }),
};
