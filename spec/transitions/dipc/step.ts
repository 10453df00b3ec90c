// The dIPC dispatcher: a total, pure function from (state, op) to the next state and the
// op's output. Instructions run on the CODOMs machine; when a control transfer (or the
// kernel's resumption of a thread) lands in a proxy domain, the proxy runs there and then.
// System calls run their Table 2 ladder and return their result in r0; the honest macros
// run the stubs. A fault unwinds the thread to its oldest live caller (unwind.ts); kill and
// timeout are events of the environment.
import * as E from 'fp-ts/lib/Either.js';
import { match } from 'ts-pattern';
import { type DipcOp, DipcOpC, hasHoles, type Syscall } from '../../../alphabet/dipc-ops';
import type { Op } from '../../../alphabet/ops';
import { error, type Fault, type Output, ok, skip, value } from '../../../alphabet/output';
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import { currentDomain } from '../access';
import { step as codomsStep } from '../step';
import { domCopy, domCreate, domDefault, domMmap, domRemap } from './domains';
import { entryRegister, entryRequest } from './entries';
import { grantCreate, grantRevoke } from './grants';
import { exec, fork, handleSend, spawn, threadCreate } from './processes';
import { landingOf, proxyEnter, proxyReturn } from './proxy';
import { replaceProcess, type SysResult, withHw, withOs } from './result';
import { kill } from './kill';
import { stubCall, stubReturn } from './stub-ops';
import { timeout } from './timeout';
import { crashWith, endThread, unwindCrash } from './unwind';

export interface DipcStepOutcome {
  readonly state: DipcState;
  readonly output: Output;
}

/** What happens to a thread after it faults (§5.2.1): its frame fails and the thread unwinds. */
export const afterFault = unwindCrash;

/** Deliver a fault the CODOMs machine did not count itself (stubs, proxies), then settle where the thread resumed. */
const deliver = (s: DipcState, t: number, f: Fault): DipcStepOutcome => settle(crashWith(s, t, f), t, { out: 'fault', fault: f });

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

/** How many proxy landings one op may chain (a proxy return resuming at another proxy, ...). */
const MAX_LANDINGS = 8;

/**
 * Run whatever proxy the thread's ip has landed on (after a control transfer by code of
 * domain `from`, or where the kernel resumed it), until it is outside every proxy domain.
 * Only the first landing has a `from`: the kernel resumes threads only at return addresses
 * a proxy checked (proxy.ts), never on a proxy page, so nothing chains in practice; a chain
 * of more than MAX_LANDINGS landings in one op would end the thread.
 */
export const settle = (s0: DipcState, t: number, output: Output, from0: number | null = null): DipcStepOutcome => {
  let s = s0;
  let out = output;
  let from = from0;
  for (let n = 0; n < MAX_LANDINGS; n++) {
    if (s.os.threads[t].ended) return { state: s, output: out };
    const ip = s.hw.threads[t].ip;
    const landing = landingOf(s, ip);
    if (landing === null) return { state: s, output: out };
    // Any other address of a proxy domain holds a trap: the proxy's code is entered only at its start.
    const r = landing.at === 'trap'
      ? { state: s, fault: { kind: 'proxyCheck' as const, addr: ip } }
      : landing.at === 'entry' ? proxyEnter(s, t, landing.proxy, from) : proxyReturn(s, t, landing.proxy);
    from = null;
    if (r.fault !== null) {
      s = crashWith(r.state, t, r.fault);
      out = { out: 'fault', fault: r.fault };
    } else s = r.state;
  }
  return { state: endThread(s, t), output: out };
};

/** CPU time is charged to the process the thread runs in (§5.2.1). */
const charge = (s: DipcState, pid: number): DipcState => replaceProcess(s, pid, { ...s.os.processes[pid], cpuTime: s.os.processes[pid].cpuTime + 1 });

const RAW_CONTROL = new Set(['call', 'jump', 'ret']);

export const dipcStep = (s0: DipcState, op: DipcOp): DipcStepOutcome => {
  if (!DipcOpC.is(op) || hasHoles(op)) return { state: s0, output: skip('malformed') };
  if (op.op === 'kill') {
    const r = kill(s0, op.pid);
    if (E.isLeft(r)) return { state: s0, output: error(r.left) };
    // Each unwound thread may resume on a proxy: let it run there.
    const settled = r.right.unwound.reduce((acc, t) => settle(acc, t, ok).state, r.right.state);
    return { state: settled, output: ok };
  }
  const t = resolveIndex(op.t, s0.os.threads.length);
  if (t < 0) return { state: s0, output: skip('noThread') };
  const kt = s0.os.threads[t];
  if (kt.ended) return { state: s0, output: skip('ended') };
  const proc = s0.os.processes[kt.current];
  const inGlobalSpace = proc.dipc;
  if (op.op === 'timeout') {
    const r = timeout(s0, t);
    return E.isLeft(r) ? { state: s0, output: error(r.left) } : settle(r.right.state, t, ok);
  }
  if (op.op !== 'syscall' && op.op !== 'stub_call' && op.op !== 'stub_return') {
    // A process with dIPC off runs in its own address space; an honest process runs only its stubs.
    if (!inGlobalSpace) return { state: s0, output: skip('outside') };
    if (proc.honest) return { state: s0, output: skip('honest') };
  }
  const s = charge(s0, kt.current);
  // The domain of the code the thread runs before this op: where a control transfer comes from.
  const from = E.getOrElseW(() => null)(currentDomain(s.hw, s.hw.threads[t]));
  if (op.op === 'syscall') {
    if (inGlobalSpace && E.isLeft(currentDomain(s.hw, s.hw.threads[t]))) return deliver(s, t, { kind: 'fetch', addr: s.hw.threads[t].ip });
    const r = syscall(s, t, kt.current, op.call);
    return E.isLeft(r)
      ? { state: s, output: error(r.left) }
      : { state: returnValue(r.right.state, t, r.right.value), output: value(r.right.value) };
  }
  if (op.op === 'stub_call' || op.op === 'stub_return') {
    const r = op.op === 'stub_call' ? stubCall(s, t, op.i, op.args) : stubReturn(s, t, op.results);
    if (E.isLeft(r)) return { state: s, output: error(r.left) };
    if (r.right.fault !== null) return deliver(r.right.state, t, r.right.fault);
    return settle(r.right.state, t, ok, from);
  }
  const r = codomsStep(s.hw, { ...op, t } as Op);
  const next = withHw(s, r.state);
  if (r.output.out === 'fault') return settle(afterFault(next, t), t, r.output);
  return RAW_CONTROL.has(op.op) ? settle(next, t, r.output, from) : { state: next, output: r.output };
};
