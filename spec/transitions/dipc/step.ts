// The dIPC dispatcher: a total, pure function from (state, op) to the next state and the
// op's output. Instructions run on the CODOMs machine; system calls run their Table 2
// ladder and return their result in r0. Until unwinding lands (issue 4), a fault ends the
// faulting thread: `afterFault` is the one function that changes then.
import * as E from 'fp-ts/lib/Either.js';
import { match } from 'ts-pattern';
import { type DipcOp, DipcOpC, type Syscall } from '../../../alphabet/dipc-ops';
import type { Op } from '../../../alphabet/ops';
import { error, type Output, skip, value } from '../../../alphabet/output';
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import { currentDomain } from '../access';
import { step as codomsStep } from '../step';
import { domCopy, domCreate, domDefault, domMmap, domRemap } from './domains';
import { entryRegister, entryRequest } from './entries';
import { grantCreate, grantRevoke } from './grants';
import { exec, fork, handleSend, spawn, threadCreate } from './processes';
import { type SysResult, withHw, withOs } from './result';

export interface DipcStepOutcome {
  readonly state: DipcState;
  readonly output: Output;
}

/** What happens to a thread after it faults: for now, it ends. */
export const afterFault = (s: DipcState, t: number): DipcState =>
  withOs(s, { threads: s.os.threads.map((th, i) => (i === t ? { ...th, ended: true } : th)) });

const syscall = (s: DipcState, t: number, pid: number, c: Syscall): SysResult =>
  match(c)
    .with({ k: 'dom_default' }, () => domDefault(s, pid))
    .with({ k: 'dom_create' }, () => domCreate(s, pid))
    .with({ k: 'dom_copy' }, (x) => domCopy(s, pid, x.h, x.perm))
    .with({ k: 'dom_mmap' }, (x) => domMmap(s, pid, x.h, x.n, x.prot))
    .with({ k: 'dom_remap' }, (x) => domRemap(s, t, pid, x.dst, x.src, x.a, x.n))
    .with({ k: 'grant_create' }, (x) => grantCreate(s, pid, x.src, x.dst))
    .with({ k: 'grant_revoke' }, (x) => grantRevoke(s, pid, x.g))
    .with({ k: 'entry_register' }, (x) => entryRegister(s, t, pid, x.h, x.entries))
    .with({ k: 'entry_request' }, (x) => entryRequest(s, pid, x.e, x.entries))
    .with({ k: 'handle_send' }, (x) => handleSend(s, pid, x.h, x.pid))
    .with({ k: 'spawn' }, (x) => spawn(s, pid, x.honest))
    .with({ k: 'thread_create' }, () => threadCreate(s, t, pid))
    .with({ k: 'fork' }, () => fork(s, t, pid))
    .with({ k: 'exec' }, () => exec(s, t, pid))
    .exhaustive();

/** The result lands in r0 of the calling thread and is the op's value. */
const returnValue = (s: DipcState, t: number, v: number): DipcState =>
  withHw(s, { ...s.hw, threads: s.hw.threads.map((th, i) => (i === t ? { ...th, regs: th.regs.map((r, j) => (j === 0 ? v : r)) } : th)) });

export const dipcStep = (s: DipcState, op: DipcOp): DipcStepOutcome => {
  if (!DipcOpC.is(op)) return { state: s, output: skip('malformed') };
  const t = resolveIndex(op.t, s.os.threads.length);
  if (t < 0) return { state: s, output: skip('noThread') };
  const kt = s.os.threads[t];
  if (kt.ended) return { state: s, output: skip('ended') };
  const inGlobalSpace = s.os.processes[kt.current].dipc;
  if (op.op === 'syscall') {
    // A process with dIPC off runs in its own address space: only its system calls are modelled.
    if (inGlobalSpace && E.isLeft(currentDomain(s.hw, s.hw.threads[t]))) {
      const r = codomsStep(s.hw, { op: 'fault', t });
      return { state: afterFault(withHw(s, r.state), t), output: { out: 'fault', fault: { kind: 'fetch', addr: s.hw.threads[t].ip } } };
    }
    const r = syscall(s, t, kt.current, op.call);
    return E.isLeft(r)
      ? { state: s, output: error(r.left) }
      : { state: returnValue(r.right.state, t, r.right.value), output: value(r.right.value) };
  }
  if (!inGlobalSpace) return { state: s, output: skip('outside') };
  const r = codomsStep(s.hw, { ...op, t } as Op);
  const next = withHw(s, r.state);
  return { state: r.output.out === 'fault' ? afterFault(next, t) : next, output: r.output };
};
