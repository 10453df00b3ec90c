// Honest stubs (§5.2.3, §5.3.1): the untrusted user code around a proxy call, written out
// as the CODOMs instructions it is made of, each checked with the rights of the code at ip
// (hardware.ts `user*`). The first faulting step stops the stub; what ran before it stays.
//  - stub_call: resolve the import on first use (the loader's entry_request, dom_default,
//    grant_create), then the caller stub up to the call of the proxy (isolate_call);
//  - the caller's epilogue when control comes back from a proxy (deisolate_call);
//  - the callee stub's entry half, run by the proxy when the callee is honest;
//  - stub_return: the callee stub's return (isolate_ret).
import { ARGS_CAP, ERR_REG, NUM_REGS, SP, STACK_CAP } from '../../alphabet/config';
import { type DipcError, fault, type Output } from '../../alphabet/output';
import type { Signature } from '../../alphabet/policy';
import { resolveIndex } from '../../alphabet/resolve';
import { BootLoader } from './boot';
import { refused } from './kernel-core';
import { policyMask } from './policy-mask';
import type { ImportSlot } from './processes';
import type { StackRegion } from './kcs';

/** A stub's outcome: refused before running (an error), a fault of the thread, or null (it ran). */
export type StubResult = DipcError | Output | null;

const REG_INT = policyMask(['regInt']);
const REG_CONF = policyMask(['regConf']);
const STACK_INT = policyMask(['stackInt']);
const ARG_COPY = policyMask(['argCopy']);

/** A buffer argument is 4 words of the caller's first data page; DCS argument j is buffer j. */
export const BUFFER_WORDS = 4;
/**
 * Capability registers zeroed by the caller's register confidentiality. c5 and c7 stay (the
 * stack), and so does c6: it is the caller's own return capability, which the proxy saves
 * in the KCS frame, replaces for the callee and restores on return (clearing it would leave
 * a caller that is itself serving a call unable to return from it).
 */
const CALLER_CLEARED = [0, 1, 2, 3, 4];
/** Capability registers zeroed by the callee's register confidentiality (c6, c7 stay). */
const CALLEE_CLEARED = [0, 1, 2, 3, 4, 5];

export abstract class StubCode extends BootLoader {
  /** The import's proxy, resolved as the loader would on first use (§3.2); an error creates nothing. */
  protected resolveImport(t: number, pid: number, imp: ImportSlot): number | DipcError {
    if (imp.proxy >= 0) return imp.proxy;
    if (imp.handle < 0) return 'badHandle';
    const proxy = this.entries.proxies.length;
    const req = this.requestProxies(pid, imp.handle, [{ sig: imp.signature }], [imp.policy]);
    if (refused(req)) return req;
    const dflt = this.domDefault(pid);
    if (refused(dflt)) return dflt;
    const grant = this.grantCreate(t, pid, dflt, req);
    if (refused(grant)) return grant;
    imp.proxy = proxy;
    return proxy;
  }

  /** stub_call(i, args): notDipc, noImport, the resolution's errors; then the caller stub. */
  protected stubCall(t: number, i: number, args: readonly number[]): StubResult {
    const pid = this.kthreads.current[t];
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    if (p.imports.length === 0) return 'noImport';
    const imp = p.imports[resolveIndex(i, p.imports.length)];
    const proxy = this.resolveImport(t, pid, imp);
    if (refused(proxy)) return proxy;
    return this.callerPrologue(t, imp.signature, imp.policy, args, p.data < 0 ? 0 : p.data, this.entries.proxies[proxy].address);
  }

  /**
   * isolate_call: save the live registers (register integrity), push the in-stack arguments,
   * narrow the stack capability (stack integrity: the whole-stack capability goes on the DCS,
   * c5 covers the arguments, c7 the unused area), make and push a sync capability per DCS
   * argument, load the register arguments, zero the rest (register confidentiality), call.
   */
  protected callerPrologue(t: number, sig: Signature, policy: number, args: readonly number[], data: number, proxyAddress: number): Output | null {
    const hw = this.hw;
    const regs = hw.threads.regs;
    const r0 = t * NUM_REGS;
    let f: Output | null;
    if (policy & REG_INT) {
      for (let r = Math.max(sig.inRegs, sig.outRegs); r < ERR_REG; r++) if ((f = hw.userPush(t, regs[r0 + r])) !== null) return f;
    }
    for (let j = sig.stackWords - 1; j >= 0; j--) if ((f = hw.userPush(t, args[sig.inRegs + j] ?? 0)) !== null) return f;
    if (policy & STACK_INT) {
      const off = regs[r0 + SP] - hw.capBaseIn(t, STACK_CAP);
      f = sig.stackWords > 0 ? hw.userCapDeriveWrite(t, ARGS_CAP, STACK_CAP, off, sig.stackWords) : hw.userCapClear(t, ARGS_CAP);
      if (f !== null) return f;
      if ((f = hw.userCapPush(t, STACK_CAP)) !== null) return f;
      const unused = regs[r0 + SP] - hw.capBaseIn(t, STACK_CAP);
      if ((f = hw.userCapDeriveWrite(t, STACK_CAP, STACK_CAP, 0, unused)) !== null) return f;
    }
    for (let j = 0; j < sig.dcsArgs; j++) {
      if ((f = hw.userCapCreateRead(t, j, data + j * BUFFER_WORDS, BUFFER_WORDS)) !== null) return f;
      if ((f = hw.userCapPush(t, j)) !== null) return f;
    }
    for (let r = 0; r < sig.inRegs; r++) regs[r0 + r] = args[r] ?? 0;
    if (policy & REG_CONF) {
      for (let r = sig.inRegs; r <= ERR_REG; r++) regs[r0 + r] = 0;
      for (const c of CALLER_CLEARED) if ((f = hw.userCapClear(t, c)) !== null) return f;
    }
    return hw.userCall(t, proxyAddress);
  }

  /** Control is back in the caller from proxy x: an honest caller runs its stub's epilogue for the import that proxy serves. */
  protected callerEpilogue(t: number, x: number): Output | null {
    const p = this.processes.list[this.kthreads.current[t]];
    if (!p.honest) return null;
    const imp = p.importOf(x);
    return imp === undefined ? null : this.deisolateCall(t, imp.signature, imp.policy);
  }

  /**
   * deisolate_call: drop the in-stack arguments, pop and revoke the DCS arguments (or clear
   * what was popped if it grants nothing), put the whole-stack capability back (stack
   * integrity), restore the live registers (register integrity).
   */
  protected deisolateCall(t: number, sig: Signature, policy: number): Output | null {
    const hw = this.hw;
    const regs = hw.threads.regs;
    regs[t * NUM_REGS + SP] = regs[t * NUM_REGS + SP] + sig.stackWords;
    let f: Output | null;
    for (let j = 0; j < sig.dcsArgs; j++) {
      if ((f = hw.userCapPop(t, 4)) !== null) return f;
      if (hw.userCapRevoke(t, 4) !== null && (f = hw.userCapClear(t, 4)) !== null) return f;
    }
    if (policy & STACK_INT) {
      if ((f = hw.userCapPop(t, STACK_CAP)) !== null) return f;
      if ((f = hw.userCapClear(t, ARGS_CAP)) !== null) return f;
    }
    if (policy & REG_INT) {
      for (let r = ERR_REG - 1; r >= Math.max(sig.inRegs, sig.outRegs); r--) if ((f = hw.userPop(t, r)) !== null) return f;
    }
    return hw.userCapClear(t, 4);
  }

  /** The stack frame k of thread t runs on (proxy.ts): where a callee stub's argument copy goes. */
  protected abstract stackOfFrame(t: number, k: number): StackRegion | undefined;

  /**
   * The callee stub at entry: take the DCS arguments into c0.. (pop, then push back, so the
   * caller finds its DCS as it left it) and, with argument copy (§3.4), copy each buffer into
   * an area of 4·dcsArgs words it reserves below its sp, per activation, on the stack it runs
   * on; if that area would reach below the stack's first word it raises a fault first.
   */
  protected calleePrologue(t: number, sig: Signature, policy: number): Output | null {
    const hw = this.hw;
    let f: Output | null;
    for (let j = sig.dcsArgs - 1; j >= 0; j--) if ((f = hw.userCapPop(t, j)) !== null) return f;
    for (let j = 0; j < sig.dcsArgs; j++) if ((f = hw.userCapPush(t, j)) !== null) return f;
    if (policy & ARG_COPY && sig.dcsArgs > 0) {
      const spAt = t * NUM_REGS + SP;
      const area = hw.threads.regs[spAt] - sig.dcsArgs * BUFFER_WORDS;
      const region = this.stackOfFrame(t, this.kthreads.kcs[t].length);
      if (area < (region === undefined ? 0 : region.first)) return fault('crash', hw.threads.ip[t]);
      for (let j = 0; j < sig.dcsArgs; j++) {
        for (let w = 0; w < BUFFER_WORDS; w++) if ((f = hw.userCopyWord(t, hw.capBaseIn(t, j) + w, area + j * BUFFER_WORDS + w)) !== null) return f;
      }
      hw.threads.regs[spAt] = area;
    }
    return null;
  }

  /** stub_return(results): noCall unless the innermost KCS frame is a call into the current process; then the callee stub's return. */
  protected stubReturn(t: number, results: readonly number[]): StubResult {
    const kt = this.kthreads;
    const frames = kt.kcs[t];
    const frame = frames[frames.length - 1];
    if (frame === undefined || frame.callee !== kt.current[t]) return 'noCall';
    const px = this.entries.proxies[frame.proxy];
    return this.isolateRet(t, px.signature, px.calleePolicy, results);
  }

  /**
   * isolate_ret: the callee's computation uses its buffer arguments (r0 = results[0] plus
   * the sum of their words, from its own copy at sp with argument copy, else through the
   * capabilities), and the copy area is released; register confidentiality zeroes
   * everything but the results (c6 and c7 stay); then return through the proxy's return path.
   */
  protected isolateRet(t: number, sig: Signature, policy: number, results: readonly number[]): Output | null {
    const hw = this.hw;
    const regs = hw.threads.regs;
    const r0 = t * NUM_REGS;
    const copied = policy & ARG_COPY ? sig.dcsArgs * BUFFER_WORDS : 0;
    let f: Output | null;
    let used = 0;
    for (let j = 0; j < sig.dcsArgs; j++) {
      for (let w = 0; w < BUFFER_WORDS; w++) {
        const a = copied > 0 ? regs[r0 + SP] + j * BUFFER_WORDS + w : hw.capBaseIn(t, j) + w;
        if ((f = hw.userReadWord(t, a)) !== null) return f;
        used += hw.lastRead;
      }
    }
    regs[r0 + SP] += copied;
    for (let r = 0; r < sig.outRegs; r++) regs[r0 + r] = (results[r] ?? 0) + (r === 0 ? used : 0);
    if (policy & REG_CONF) {
      for (let r = sig.outRegs; r <= ERR_REG; r++) regs[r0 + r] = 0;
      for (const c of CALLEE_CLEARED) if ((f = hw.userCapClear(t, c)) !== null) return f;
    }
    return hw.userRet(t);
  }
}
