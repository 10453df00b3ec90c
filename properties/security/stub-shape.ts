// What an honest caller stub pushes on its stack before its call instruction (§5.2.3, DESIGN
// §5): the saved live registers (register integrity) and the in-stack arguments. Properties
// use it to know where the caller's own writes end and to place the return point of a call
// made by a stub whose epilogue never runs (an adversary's), from the signature and policy
// alone.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { DipcState } from '../../spec/state/dipc';
import { BUFFER_WORDS, liveRegisters } from '../../spec/transitions/dipc/stubs';
import { actorOf } from './actor';
import type { OpenCall } from './call-tracker';

export const prologueWords = (c: Pick<OpenCall, 'callerPolicy' | 'policy' | 'signature'>): number =>
  ((c.callerPolicy ?? c.policy).includes('regInt') ? liveRegisters(c.signature).length : 0) + c.signature.stackWords;

/**
 * What the callee stub with argument copy reserves below the sp the proxy gave it, per
 * activation, for its copy of the buffers, and releases at stub_return before its `ret`
 * (docs/dipc-model.md "Argument copy is per activation"). Whoever runs stub_return releases
 * it; only an honest callee's prologue (run by the proxy) reserved it.
 */
export const stubCopyWords = (c: Pick<OpenCall, 'calleePolicy' | 'signature'>): number =>
  c.calleePolicy.includes('argCopy') ? BUFFER_WORDS * c.signature.dcsArgs : 0;

/** An honest callee's sp after the call's step is this much below the proxy's. */
export const calleeCopyWords = (c: Pick<OpenCall, 'calleeHonest' | 'calleePolicy' | 'signature'>): number => (c.calleeHonest ? stubCopyWords(c) : 0);

/**
 * A call that opened because thread t's `ret` landed on a proxy's first instruction: the
 * words above the pre-step sp that ret popped past before the proxy read its return address
 * (0 for a raw ret; a stub_return first releases the copy area of the call it returns from).
 * Null when the op was not t's ret or stub_return.
 */
export const retLanding = (op: DipcOp, pre: DipcState, c: Pick<OpenCall, 't' | 'outer'>): number | null => {
  if (actorOf(op, pre) !== c.t) return null;
  if (op.op === 'ret') return 0;
  return op.op === 'stub_return' ? (c.outer === undefined ? 0 : stubCopyWords(c.outer)) : null;
};
