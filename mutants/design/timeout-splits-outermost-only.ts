// A time-out (§5.4) splits the thread at its innermost call whenever that call switched
// stacks and its callee has no earlier frame in the thread. This design splits only a
// thread's outermost call: a time-out inside a nested call is refused as if the callee
// shared its caller's stack, and the caller waits on a callee that may never return.
import { error } from '../../alphabet/output';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-timeout-splits-outermost-only',
  description: 'a time-out of a nested call is refused: only a thread’s outermost call is split',
  cites: '§5.4 time-outs (a timed-out call that switched stacks is split)',
  targets: ['TMO'],
  factory: designFactory('design-timeout-splits-outermost-only', (s, op, spec) => {
    if (op.op !== 'timeout') return spec(s, op);
    const t = threadOf(s, op);
    if (t < 0 || s.os.threads[t].ended || s.os.threads[t].kcs.length < 2) return spec(s, op);
    return { state: s, output: error('notSplittable') };
  }),
};
