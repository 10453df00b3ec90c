// A time-out (§5.4) can split a thread only when its callee runs on a stack of its own:
// otherwise caller and callee share a stack and the split threads would write over each
// other. This design splits every call, sharing the caller's stack with the split thread.
import type { DipcState } from '../../spec/state/dipc';
import { stackOfFrame } from '../../spec/transitions/dipc/proxy';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-timeout-on-shared-stack',
  description: 'a time-out splits a call that did not switch stacks: the split thread shares its caller’s stack',
  cites: '§5.4 "only when the call switched stacks"',
  targets: ['TMO'],
  factory: designFactory('design-timeout-on-shared-stack', (s, op, spec) => {
    if (op.op !== 'timeout') return spec(s, op);
    const t = threadOf(s, op);
    if (t < 0) return spec(s, op);
    const kt = s.os.threads[t];
    const n = kt.kcs.length;
    const f = kt.kcs[n - 1];
    if (f === undefined || f.stackSwitched) return spec(s, op);
    const shared = stackOfFrame(kt, n);
    if (shared === undefined) return spec(s, op);
    // The check sees a call that switched to the stack it in fact shares.
    const stacks = new Map(kt.stacks);
    stacks.set(f.callee, shared);
    const fooled: DipcState = {
      ...s,
      os: { ...s.os, threads: s.os.threads.map((k, j) => (j === t ? { ...k, stacks, kcs: [...k.kcs.slice(0, -1), { ...f, stackSwitched: true }] } : k)) },
    };
    const r = spec(fooled, op);
    return r.output.out === 'ok' ? r : spec(s, op);
  }),
};
