// A time-out (§5.4) splits the thread; the split-off callee thread is deleted when it
// returns into the splitting proxy. This design pops its frame and lets it go on: a thread
// with no caller left runs on from the proxy's return path.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';

export const mutant: DesignMutant = {
  id: 'design-split-thread-survives-return',
  description: 'the thread split off by a time-out is not deleted when it returns into the splitting proxy',
  cites: '§5.4 time-outs',
  targets: ['TMO'],
  factory: designFactory('design-split-thread-survives-return', (s, op, spec) => {
    const r = spec(s, op);
    const revived = r.state.os.threads.flatMap((k, t) => {
      const b = s.os.threads[t];
      return b !== undefined && !b.ended && k.ended && b.kcs.length > 0 && b.kcs[b.kcs.length - 1].split && k.kcs.length < b.kcs.length ? [t] : [];
    });
    if (revived.length === 0) return r;
    return { ...r, state: { ...r.state, os: { ...r.state.os, threads: r.state.os.threads.map((k, t) => (revived.includes(t) ? { ...k, ended: false } : k)) } } };
  }),
};
