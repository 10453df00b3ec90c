// A time-out (§5.4) splits the thread: the callee goes on in a new thread on its own stack,
// and the capabilities the old thread had to that stack are revoked. This design gives the
// split thread a new capability but does not revoke the old one: the resumed caller can
// still reach the split callee's stack through anything it kept of it.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-timeout-caller-keeps-callee-stack',
  description: "a time-out does not revoke the caller thread's capability to the split callee's stack",
  cites: '§5.4 time-outs (the split threads never share a stack)',
  targets: ['TMO'],
  factory: designFactory('design-timeout-caller-keeps-callee-stack', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'timeout' || r.output.out !== 'ok') return r;
    const stackCaps = new Set(s.os.threads.flatMap((k) => [...k.stacks.values()].map((x) => x.cap)));
    const caps = r.state.hw.caps.map((c, i) => (i < s.hw.caps.length && stackCaps.has(i) && c.revoked && !s.hw.caps[i].revoked ? { ...c, revoked: false } : c));
    return { ...r, state: { ...r.state, hw: { ...r.state.hw, caps } } };
  }),
};
