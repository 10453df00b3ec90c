// The thread an op runs on, as the op names it (its own file so that the call tracker, the
// witness and the stub shapes can share it without importing each other).
import type { DipcOp } from '../../alphabet/dipc-ops';
import { resolveIndex } from '../../alphabet/resolve';
import type { DipcState } from '../../spec/state/dipc';

/** The thread an op runs on, if any (-1: an op of no thread, or a time-out, which the kernel runs). */
export const actorOf = (op: DipcOp, s: DipcState): number =>
  typeof op === 'object' && op !== null && 't' in op && op.op !== 'timeout' ? resolveIndex(op.t, s.os.threads.length) : -1;
