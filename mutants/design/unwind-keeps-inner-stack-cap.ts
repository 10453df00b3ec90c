// Unwinding (§5.2.1, DESIGN §11): the kernel gives the resumed caller its stack back. This
// design restores c7 only when the call it resumes from itself switched stacks (as a normal
// return does): when it unwinds past a call that did not switch stacks into deeper calls
// that did, c7 stays the innermost callee's whole-stack capability. An adversarial caller
// resumed this way holds an honest callee's stack, and loads what was passed to it (found by
// `npm run check:seeds` at seed 1234: counterexamples/ARG-STACK-CONF/seed1234-unwind-keeps-inner-stack-cap.json).
import { ERR_REG } from '../../alphabet/config';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapKt, resumedThreads } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-unwind-keeps-inner-stack-cap',
  description: 'unwinding restores c7 only when the oldest discarded call switched stacks, not from a deeper one that did',
  cites: '§5.2.1 unwinding; DESIGN §11',
  targets: ['UNW'],
  factory: designFactory('design-unwind-keeps-inner-stack-cap', (s, op, spec) => {
    const r = spec(s, op);
    const back = resumedThreads(s, r.state).filter((t) => r.state.hw.threads[t].regs[ERR_REG] !== 0);
    if (back.length === 0) return r;
    // Again, with every discarded call but the oldest marked as not switching stacks: the spec then keeps c7 as this design does.
    const kept = new Map(back.map((t) => [t, r.state.os.threads[t].kcs.length]));
    const forgetful = mapKt(s, (k, t) => {
      const n = kept.get(t);
      return n === undefined ? k : { ...k, kcs: k.kcs.map((f, j) => (j > n ? { ...f, stackSwitched: false } : f)) };
    });
    const again = spec(forgetful, op);
    // Put the flags back on the frames that stay (none of the marked ones do).
    return { ...again, state: mapKt(again.state, (k, t) => (kept.has(t) ? { ...k, kcs: k.kcs.map((f, j) => s.os.threads[t].kcs[j] ?? f) } : k)) };
  }),
};
