// The proxy's first check (§5.2.3, P2) is that sp lies in the stack the thread runs on in
// the current process. This design trusts sp: a caller can enter a callee with its stack
// pointer anywhere (in the callee's memory, in a third process's).
import type { DipcState } from '../../spec/state/dipc';
import { stackOfFrame } from '../../spec/transitions/dipc/proxy';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-proxy-skips-sp-check',
  description: 'the proxy does not check that sp lies in the thread’s stack',
  cites: '§5.2.3 proxy checks; P2',
  targets: ['P2'],
  factory: designFactory('design-proxy-skips-sp-check', (s, op, spec) => {
    if (op.op !== 'call' && op.op !== 'jump' && op.op !== 'ret' && op.op !== 'stub_call') return spec(s, op);
    const t = threadOf(s, op);
    if (t < 0 || s.os.threads[t].ended) return spec(s, op);
    const kt = s.os.threads[t];
    const k = kt.kcs.length;
    const region = stackOfFrame(kt, k);
    if (region === undefined) return spec(s, op);
    const owner = k === 0 ? kt.home : [...kt.kcs].reverse().find((f) => f.stackSwitched)?.callee ?? kt.home;
    // The check sees a stack that covers every address; the real one is put back after.
    const stacks = new Map(kt.stacks);
    stacks.set(owner, { ...region, first: 0, words: Number.MAX_SAFE_INTEGER });
    const fooled: DipcState = { ...s, os: { ...s.os, threads: s.os.threads.map((x, j) => (j === t ? { ...x, stacks } : x)) } };
    const r = spec(fooled, op);
    if (r.state.os.threads[t].kcs.length <= k) return spec(s, op);
    const after = new Map(r.state.os.threads[t].stacks);
    after.set(owner, region);
    return { ...r, state: { ...r.state, os: { ...r.state.os, threads: r.state.os.threads.map((x, j) => (j === t ? { ...x, stacks: after } : x)) } } };
  }),
};
