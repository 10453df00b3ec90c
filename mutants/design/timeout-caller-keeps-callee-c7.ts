// A time-out (§5.4) resumes the caller on its own stack with its own stack capability (the
// one saved at the call), and the split callee goes on alone on its stack. This design
// forgets to put the caller's stack capability back: the resumed caller keeps the callee's
// in c7, still valid, and so reaches the split thread's stack. TMO judges that the caller
// never touches the thread split off from it.
import { STACK_CAP } from '../../alphabet/config';
import { resolveIndex } from '../../alphabet/resolve';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { mapCtx } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-timeout-caller-keeps-callee-c7',
  description: "a time-out leaves the callee's stack capability in the resumed caller's c7 instead of restoring the caller's",
  cites: '§5.4 time-outs (the split threads never share a stack); DESIGN §4 step 6',
  targets: ['TMO'],
  factory: designFactory('design-timeout-caller-keeps-callee-c7', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'timeout' || r.output.out !== 'ok') return r;
    const t = resolveIndex(op.t, s.os.threads.length);
    const kept = s.hw.threads[t]?.capRegs[STACK_CAP] ?? null;
    if (kept === null) return r;
    const caps = r.state.hw.caps.map((c, i) => (i === kept && c.revoked && !s.hw.caps[i].revoked ? { ...c, revoked: false } : c));
    const state = mapCtx({ ...r.state, hw: { ...r.state.hw, caps } }, (c, i) => (i === t ? { ...c, capRegs: c.capRegs.map((v, j) => (j === STACK_CAP ? kept : v)) } : c));
    return { ...r, state };
  }),
};
