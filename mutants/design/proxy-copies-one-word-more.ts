// The proxy's entry half (§5.2.3, DESIGN §4 step 2a) copies exactly the declared in-stack
// arguments to the callee's stack when it switches stacks. This design copies one word more
// (an off-by-one in the copy loop): the word above the caller's last argument, a frame of
// the caller's, lands on the callee's stack. P4 judges that nothing but the declared words is
// written (issue 12 §1: "not that nothing else was written").
import { SP } from '../../alphabet/config';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-proxy-copies-one-word-more',
  description: 'a stack-switching proxy copies one in-stack word more than the signature declares',
  cites: '§5.2.3 "copies the arguments"; DESIGN §4 step 2a',
  targets: ['P4'],
  factory: designFactory('design-proxy-copies-one-word-more', (s, op, spec) => {
    const r = spec(s, op);
    let memory = r.state.hw.memory;
    r.state.os.threads.forEach((kt, t) => {
      const before = s.os.threads[t];
      if (before === undefined || kt.kcs.length !== before.kcs.length + 1) return;
      const f = kt.kcs[kt.kcs.length - 1];
      if (!f.stackSwitched) return;
      const n = r.state.os.proxies[f.proxy]?.signature.stackWords ?? 0;
      const extra = s.hw.memory.get(f.savedSp + 1 + n) ?? 0;
      const at = r.state.hw.threads[t].regs[SP] + 1 + n;
      if ((memory.get(at) ?? 0) === extra) return;
      const m = new Map(memory);
      m.set(at, extra);
      memory = m;
    });
    return memory === r.state.hw.memory ? r : { ...r, state: { ...r.state, hw: { ...r.state.hw, memory } } };
  }),
};
