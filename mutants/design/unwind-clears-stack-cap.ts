// Unwinding (§5.2.1, §5.4) and DESIGN §11: when the kernel resumes a caller with an error it
// clears what the callee could have written (r0-r6, c0-c5), and gives the caller its sp, c6
// and c7 back. This design clears every capability register but c6, c7 included: the
// caller resumes without its own stack capability, so an honest caller's stack (and
// whatever its stub's epilogue would read there) is out of its reach after its callee
// crashed, was killed or timed out. Nothing the caller asked for is leaked: only honest
// progress (P5) speaks about what the caller owns.
import { ERR_REG, STACK_CAP } from '../../alphabet/config';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-unwind-clears-stack-cap',
  description: "unwinding and time-outs clear the resumed caller's c7 too (its own stack capability) along with c0-c5",
  cites: '§5.2.1 unwinding, §5.4 time-outs; DESIGN §11',
  targets: ['P5'],
  factory: designFactory('design-unwind-clears-stack-cap', (s, op, spec) => {
    const r = spec(s, op);
    // Resumed with an error in r7: an unwinding or a time-out, not a normal return.
    const back = resumedThreads(s, r.state).filter((t) => r.state.hw.threads[t].regs[ERR_REG] !== 0);
    if (back.length === 0) return r;
    return { ...r, state: mapCtx(r.state, (c, t) => (back.includes(t) ? { ...c, capRegs: c.capRegs.map((v, i) => (i === STACK_CAP ? null : v)) } : c)) };
  }),
};
