// The honest callee stub's argument copy (§3.4: "argument immutability can be implemented in
// non-privileged user code by simply copying argument contents") kept in one area per
// process, the model's design before issue 12 §2: buffer j in words 8+4j.. of the callee's
// first data page. A nested or concurrent call into the same process overwrites an open
// call's copy, so an adversary that re-enters the callee switches argument copy off.
// The variant runs the spec (its stubs still reserve their stack area, so the stack shape is
// the same) and makes the shared area what the stub copies to and computes from: after a
// call into an honest callee with argument copy, the area gets the copy; before that
// callee's stub_return, the copy the stub reads is taken from the area.
import { SP } from '../../alphabet/config';
import type { DipcState } from '../../spec/state/dipc';
import { BUFFER_WORDS } from '../../spec/transitions/dipc/stubs';
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { threadOf } from './variant-helpers';

/** Words of the copy of the innermost call of thread t, when it is into an honest callee with argument copy. */
const copyWordsOf = (s: DipcState, t: number): number => {
  const kt = s.os.threads[t];
  const f = kt?.kcs[kt.kcs.length - 1];
  if (f === undefined || kt.current !== f.callee || !s.os.processes[f.callee].honest) return 0;
  const px = s.os.proxies[f.proxy];
  const policy = s.os.entries[px.entry]?.entries[px.slot]?.policy ?? [];
  return policy.includes('argCopy') ? px.signature.dcsArgs * BUFFER_WORDS : 0;
};

const sharedArea = (s: DipcState, t: number): number => (s.os.processes[s.os.threads[t].current].data ?? 0) + 8;

/** Copy n words from `from` to `to` in the state's memory. */
const moveWords = (s: DipcState, from: number, to: number, n: number): DipcState => {
  const memory = new Map(s.hw.memory);
  for (let k = 0; k < n; k++) memory.set(to + k, s.hw.memory.get(from + k) ?? 0);
  return { ...s, hw: { ...s.hw, memory } };
};

export const mutant: DesignMutant = {
  id: 'design-shared-copy-area',
  description: "the honest callee stub keeps its argument copy in one area of its process's data page, not in its activation's stack",
  cites: '§3.4 "argument immutability ... by simply copying argument contents"; docs/dipc-model.md "Argument copy is per activation"',
  targets: ['ARG-IMM'],
  factory: designFactory('design-shared-copy-area', (s0, op, spec) => {
    let s = s0;
    const t = threadOf(s0, op);
    // stub_return computes from the shared area.
    if (op.op === 'stub_return' && t >= 0) {
      const n = copyWordsOf(s0, t);
      if (n > 0) s = moveWords(s0, sharedArea(s0, t), s0.hw.threads[t].regs[SP], n);
    }
    const r = spec(s, op);
    let after = r.state;
    // Every call that opened into an honest callee with argument copy copied to the shared area.
    after.os.threads.forEach((kt, u) => {
      const before = s.os.threads[u];
      if (before === undefined || kt.kcs.length !== before.kcs.length + 1) return;
      const n = copyWordsOf(after, u);
      if (n > 0) after = moveWords(after, after.hw.threads[u].regs[SP], sharedArea(after, u), n);
    });
    return after === r.state ? r : { ...r, state: after };
  }),
};
