// A time-out (§5.4) gives the split thread only the callee's part of the KCS: it ends when it
// returns into the splitting proxy. This design gives it the whole KCS and does not mark the
// frame split: the callee's thread returns into the caller as if no time-out had happened,
// while the caller already resumed with the error.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-timeout-split-keeps-caller-chain',
  description: 'the thread split off by a time-out keeps the caller’s call chain and returns into the caller',
  cites: '§5.4 time-outs',
  targets: ['TMO'],
  factory: designFactory('design-timeout-split-keeps-caller-chain', (s, op, spec) => {
    const r = spec(s, op);
    if (op.op !== 'timeout' || r.output.out !== 'ok') return r;
    const t = threadOf(s, op);
    const t2 = s.os.threads.length;
    const old = s.os.threads[t];
    const threads = r.state.os.threads.map((k, j) =>
      j === t2 ? { ...k, home: old.home, kcs: [...old.kcs.slice(0, -1), { ...k.kcs[k.kcs.length - 1], split: false }], stacks: new Map([...old.stacks, ...k.stacks]) } : k,
    );
    return { ...r, state: { ...r.state, os: { ...r.state.os, threads } } };
  }),
};
