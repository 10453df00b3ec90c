// Crashes, kills and time-outs (§5.2.1, §5.4, DESIGN §5 "Faults and unwinding").
//
// A thread's call chain is p0 (home) -> p1 -> ... -> pn (current); frame k runs in pk, and
// KCS entry k (kcs[k-1]) is the call from p(k-1) into pk. A crash in pn fails frame n;
// kill(p) fails every frame of p in every thread. With i the oldest failed frame: i = 0
// ends the thread; otherwise frames i..n are discarded and p(i-1) resumes on the proxy of
// KCS entry i with an error in r7, sp/DCS/current process restored as saved at that call.
import { ERR_REG, RET_CAP, SP, STACK_CAP } from '../../../alphabet/config';
import type { Fault } from '../../../alphabet/output';
import type { DipcState } from '../../state/dipc';
import type { KernelThread } from '../../state/kernel-threads';
import { unwoundDcs } from './dcs-restore';
import { withHw, withOs } from './result';
import { callerEpilogue } from './stubs';

/** r7 after a call whose callee crashed or was killed, or that timed out. */
export const ERR_CRASH = 3;
export const ERR_TIMEOUT = 4;

/** The process frame k of a thread runs in. */
export const frameProcess = (kt: KernelThread, k: number): number => (k === 0 ? kt.home : kt.kcs[k - 1].callee);

export const endThread = (s: DipcState, t: number): DipcState =>
  withOs(s, { threads: s.os.threads.map((k, i) => (i === t ? { ...k, ended: true } : k)) });

/**
 * Discard frames i..n of thread t and resume p(i-1) on the proxy of KCS entry i with `err`
 * in r7 (i = 0: the thread ends). The return capabilities of the discarded calls are
 * revoked. An honest caller's stub epilogue then runs; if it faults, that is a crash in
 * frame i-1, unwound in turn.
 *
 * Registers (DESIGN §11): §5.2.1 ("the kernel unwinds the stack ... returning an error to
 * the oldest calling domain still alive") and §5.4 (the caller "returns with an error")
 * say nothing about them, and no callee stub runs here to apply register confidentiality
 * (§5.2.3), so the kernel does it for every policy: r0-r6 are zeroed and c0-c5 emptied
 * (whatever the discarded frames left there, e.g. results an honest callee received from
 * a nested call), r7 holds the error, sp and c6 are the caller's as saved at the call, and
 * c7 is the one saved by the oldest discarded call that switched stacks: the stack the
 * caller had (shared with the non-switching callees between). Only when no discarded call
 * switched stacks does c7 stay: the stack the caller and its callees shared, which the
 * caller's epilogue pops from, as on a normal return.
 *
 * DCS (issue 12 §2, dcs-restore.ts): each discarded frame gives back its caller's DCS in
 * turn, innermost first: cut back to its length at the call, the argument entries put back
 * under DCS integrity, the whole saved DCS under DCS confidentiality; the base as saved.
 */
export const unwindFrom = (s0: DipcState, t: number, i: number, err: number): DipcState => {
  let s = s0;
  let from = i;
  let code = err;
  for (;;) {
    const kt = s.os.threads[t];
    if (from <= 0) return endThread(s, t);
    const frame = kt.kcs[from - 1];
    // A thread split off by a time-out has no caller left to resume.
    if (frame.split) return endThread(s, t);
    const discarded = new Set(kt.kcs.slice(from - 1).map((f) => f.returnCap));
    // c7: the stack capability saved by the oldest discarded call that switched stacks (the
    // caller's, or that of the non-switching callees it shared its stack with); none switched:
    // the shared stack stays. (Seed 1234: an unwind past a non-switching frame left the
    // adversarial caller holding an honest callee's whole-stack capability.)
    const switched = kt.kcs.slice(from - 1).find((f) => f.stackSwitched);
    const caller = s.os.processes[frame.caller];
    s = withHw(s, {
      ...s.hw,
      caps: s.hw.caps.map((c, id) => (discarded.has(id) ? { ...c, revoked: true } : c)),
      threads: s.hw.threads.map((c, j) => {
        if (j !== t) return c;
        const { dcs, dcsBase } = unwoundDcs(kt.kcs, from, c.dcs);
        return {
          ...c,
          regs: c.regs.map((_, r) => (r === SP ? frame.savedSp + 1 : r === ERR_REG ? code : 0)),
          capRegs: c.capRegs.map((v, r) => (r === RET_CAP ? frame.savedRetCap : r === STACK_CAP ? (switched === undefined ? v : switched.savedStackCap) : null)),
          dcs,
          dcsBase,
          ip: frame.returnAddress,
        };
      }),
    });
    s = withOs(s, {
      threads: s.os.threads.map((k, j) =>
        j === t ? { ...k, current: frame.caller, tls: caller.tls, resource: caller.resource, kcs: k.kcs.slice(0, from - 1) } : k,
      ),
    });
    const epi = callerEpilogue(s, t, frame.proxy);
    if (epi.fault === null) return epi.state;
    // The caller's own stub faulted: a crash of frame from-1.
    s = countFault(epi.state, t);
    from -= 1;
    code = ERR_CRASH;
  }
};

const countFault = (s: DipcState, t: number): DipcState =>
  withHw(s, { ...s.hw, threads: s.hw.threads.map((c, j) => (j === t ? { ...c, faults: c.faults + 1 } : c)) });

/** A fault of thread t while it runs in pn fails frame n. */
export const unwindCrash = (s: DipcState, t: number): DipcState => unwindFrom(s, t, s.os.threads[t].kcs.length, ERR_CRASH);

/** Deliver a fault the CODOMs machine has not counted (stubs, proxies), then unwind. */
export const crashWith = (s: DipcState, t: number, _f: Fault): DipcState => unwindCrash(countFault(s, t), t);

/**
 * Every frame of process `pid` fails in every thread but `except`: each unwinds from its
 * oldest frame there (kill, exec). Returns the threads unwound.
 */
export const failFramesOf = (s0: DipcState, pid: number, except: number | null): { state: DipcState; unwound: number[] } => {
  let s = s0;
  const unwound: number[] = [];
  for (let t = 0; t < s.os.threads.length; t++) {
    const kt = s.os.threads[t];
    if (kt.ended || t === except) continue;
    let oldest = -1;
    for (let k = 0; k <= kt.kcs.length && oldest < 0; k++) if (frameProcess(kt, k) === pid) oldest = k;
    if (oldest < 0) continue;
    s = unwindFrom(s, t, oldest, ERR_CRASH);
    unwound.push(t);
  }
  return { state: s, unwound };
};
