// Trusted proxies (§3.1, §5.2.3, §6.1): what runs, atomically, when a thread's control
// transfer lands on a proxy's first instruction (the entry half) or on its return path (the
// return half). The halves are driven by the proxy's template (proxy-templates.ts): which
// stack and DCS steps run, with how many words and entries.
//
// Entry: the sp check (P2); liveness of caller and callee (an error return otherwise);
// stack switch or return-address replacement; DCS switch or base raise; the return
// capability; the KCS push (P3); track_process_call (hot/warm/cold, kernel-threads.ts); the
// jump to the entry; an honest callee's stub entry half. Return: the KCS check (P3), the
// revocation, the restores, track_process_ret, an honest caller's stub epilogue.
import { ERR_REG, NUM_CAP_REGS, NUM_REGS, RET_CAP, SP, STACK_CAP } from '../../alphabet/config';
import { fault, type Output } from '../../alphabet/output';
import { NOT_PROXY, type ProxyRecord } from './entry-table';
import { KcsFrame, type StackRegion } from './kcs';
import { StubCode } from './stubs';

/** errno-like values a caller finds in r7 after a call (0: none). */
export const ERR_DEAD = 1;
export const ERR_NOMEM = 2;
export const ERR_CRASH = 3;
export const ERR_TIMEOUT = 4;

/** The argument entries of a DCS-integrity call without any (shared: frames never write it). */
const NO_ARGS = new Int32Array(0);

export abstract class ProxyCalls extends StubCode {
  /** Scratch for the in-stack arguments a stack switch copies (the two stacks may be one). */
  private readonly argWords = new Float64Array(8);
  proxyEntries = 0;
  proxyReturns = 0;

  /** P2: sp lies in the thread's stack for the process it calls from. */
  protected p2Holds(region: StackRegion | undefined, sp: number): boolean {
    return region !== undefined && !(sp < region.first || sp >= region.first + region.words);
  }

  /**
   * The call can be made: the proxy's caller and callee and the entry's owner (the callee)
   * alive, the callee in the global space. A hot entry stands for a live callee.
   */
  protected calleeReachable(px: ProxyRecord, hot: number): boolean {
    const ps = this.processes.list;
    // The entry must be of the callee's current image (exec tears the old one down); a hot
    // entry stands for a live callee, so only the image is compared on the hot path.
    if (this.entries.entries[px.entry].image !== ps[px.callee].image) return false;
    if (hot >= 0) return ps[px.caller].alive;
    const callee = ps[px.callee];
    return ps[px.caller].alive && callee.alive && callee.dipc;
  }

  /** DCS integrity: the base is raised so only the d argument entries are visible (never lowered). */
  protected dcsIntegrityBase(base: number, top: number, d: number): number {
    return Math.max(base, top - d);
  }

  /** track_process_call's switch: the callee becomes current, with its TLS base and resource identity (§6.1.2). */
  protected switchToCallee(t: number, pid: number): void {
    const p = this.processes.list[pid];
    const kt = this.kthreads;
    kt.current[t] = pid;
    kt.tls[t] = p.tls;
    kt.resource[t] = p.resource;
  }

  /** track_process_call: switch, then this thread's id in the callee by the hot, warm or cold path. */
  protected trackProcessCall(t: number, px: ProxyRecord, hot: number): void {
    const kt = this.kthreads;
    const pid = px.callee;
    this.switchToCallee(t, pid);
    if (hot >= 0) {
      kt.hotHits++;
      return;
    }
    let id = kt.warm[t].get(pid);
    if (id !== undefined) kt.warmHits++;
    else {
      const p = this.processes.list[pid];
      id = p.threadIds.get(t) ?? p.nameThread(t);
      kt.warm[t].set(pid, id);
      kt.coldPaths++;
    }
    kt.fillHot(t, px.calleeTag, pid, id);
  }

  /**
   * The stack frame k of thread t runs on: its stack in the callee of the innermost call up
   * to k that switched, else its home stack (a callee entered without a switch runs on its
   * caller's stack).
   */
  protected stackOfFrame(t: number, k: number): StackRegion | undefined {
    const kt = this.kthreads;
    const frames = kt.kcs[t];
    for (let j = k - 1; j >= 0; j--) if (frames[j].stackSwitched) return kt.stacks[t].get(frames[j].callee);
    return kt.stacks[t].get(kt.home[t]);
  }

  /** The lowest word of `region` thread t uses: the sp of the innermost frame on it (current or saved). */
  protected stackInUse(t: number, region: StackRegion): number | undefined {
    const frames = this.kthreads.kcs[t];
    for (let k = frames.length; k >= 0; k--) {
      if (this.stackOfFrame(t, k)?.first !== region.first) continue;
      return k === frames.length ? this.hw.threads.regs[t * NUM_REGS + SP] : frames[k].savedSp;
    }
    return undefined;
  }

  /**
   * P3: the return address at [sp] is one the code that entered the proxy (domain `from`)
   * could reach itself, and not on a proxy page (docs/dipc-model.md, "Entry half").
   */
  protected returnAddressOk(t: number, from: number, a: number): boolean {
    return this.entries.landingAt(a) === NOT_PROXY && this.hw.controlReachable(t, from, a);
  }

  /** The call cannot be made: back to the return address the caller pushed, with the error in r7. */
  protected errorReturn(t: number, x: number, err: number): Output | null {
    const th = this.hw.threads;
    const spAt = t * NUM_REGS + SP;
    const sp = th.regs[spAt];
    th.regs[spAt] = sp + 1;
    th.regs[t * NUM_REGS + ERR_REG] = err;
    th.ip[t] = this.hw.memory.words[sp] ?? 0;
    return this.callerEpilogue(t, x);
  }

  /** The proxy's entry half (docs/dipc-model.md steps 1-8), entered by code of domain `from` (-1: none). */
  protected proxyEnter(t: number, x: number, from: number): Output | null {
    const kt = this.kthreads;
    const hw = this.hw;
    const th = hw.threads;
    const words = hw.memory.words;
    const px = this.entries.proxies[x];
    const tpl = px.template;
    const caller = kt.current[t];
    const spAt = t * NUM_REGS + SP;
    const sp = th.regs[spAt];
    if (!this.p2Holds(this.stackOfFrame(t, kt.kcs[t].length), sp)) return fault('proxyCheck', th.ip[t]);
    const returnAddress = words[sp] ?? 0;
    if (!this.returnAddressOk(t, from, returnAddress)) return fault('proxyCheck', th.ip[t]);
    const hot = kt.hotSlot(t, px.calleeTag, px.callee);
    if (!this.calleeReachable(px, hot)) return this.errorReturn(t, x, ERR_DEAD);
    this.proxyEntries++;
    const capAt = t * NUM_CAP_REGS;
    let newSp = sp;
    let stackCap = th.capRegs[capAt + STACK_CAP];
    if (tpl.switchStack) {
      // Stack confidentiality + integrity: the thread's stack in the callee (made on first
      // use), the in-stack arguments copied to its top, the return path pushed below them.
      // Re-entering a process this thread is already in (A -> B -> A, or A -> A) continues
      // on its stack there below the part still in use, never over it.
      let theirs = kt.stacks[t].get(px.callee);
      const n = px.signature.stackWords;
      let first: number;
      let top: number;
      if (theirs === undefined) {
        if (!this.pagesFit(px.callee, this.stackPages)) return this.errorReturn(t, x, ERR_NOMEM);
        const W = hw.wordsPerPage;
        const callee = this.processes.list[px.callee];
        first = (this.space.firstPageOf(callee.block) + callee.nextPage) * W;
        top = first + this.stackPages * W;
      } else {
        first = theirs.first;
        top = this.stackInUse(t, theirs) ?? first + theirs.words;
      }
      if (top - n - 1 < first) return this.errorReturn(t, x, ERR_NOMEM);
      if (theirs === undefined) {
        theirs = this.allocStack(t, px.callee) as StackRegion;
        kt.stacks[t].set(px.callee, theirs);
      }
      const args = this.argWords;
      for (let j = 0; j < n; j++) args[j] = words[sp + 1 + j] ?? 0;
      for (let j = 0; j < n; j++) words[top - n + j] = args[j];
      newSp = top - n - 1;
      words[newSp] = px.returnPath;
      stackCap = this.calleeStackCap(theirs, stackCap);
    } else {
      // Shared stack: the return address is replaced by the return path (P3).
      words[sp] = px.returnPath;
    }
    // The DCS: the callee gets its own with the argument entries, or sees only them.
    const D = hw.dcsSize;
    const dcsAt = t * D;
    const top = th.dcsTop[t];
    const base = th.dcsBase[t];
    let savedDcs: Int32Array | null = null;
    let savedArgs: Int32Array | null = null;
    if (tpl.ownDcs) {
      savedDcs = th.dcs.slice(dcsAt, dcsAt + top);
      const keep = Math.min(px.signature.dcsArgs, top);
      const from = this.ownDcsFirst(top, keep);
      th.dcs.copyWithin(dcsAt, dcsAt + from, dcsAt + from + keep);
      th.dcsTop[t] = keep;
      th.dcsBase[t] = 0;
    } else if (tpl.raiseDcsBase) {
      th.dcsBase[t] = this.dcsIntegrityBase(base, top, px.signature.dcsArgs);
      // The argument entries, put back on return and unwind (restoreDcs).
      const k = Math.min(px.signature.dcsArgs, top);
      savedArgs = k === 0 ? NO_ARGS : th.dcs.slice(dcsAt + top - k, dcsAt + top);
    }
    // The return capability: sync, one word at the return path, this thread's only (P3).
    const returnCap = hw.kernelCap(px.returnPath, 1, false, t, px.domain);
    kt.kcs[t].push(
      new KcsFrame(
        x, caller, px.callee, returnAddress, sp, base, top, savedArgs, savedDcs, tpl.switchStack ? th.capRegs[capAt + STACK_CAP] : -1,
        th.capRegs[capAt + RET_CAP], tpl.switchStack, returnCap, false,
      ),
    );
    th.regs[spAt] = newSp;
    th.capRegs[capAt + STACK_CAP] = stackCap;
    th.capRegs[capAt + RET_CAP] = returnCap;
    th.ip[t] = px.target;
    this.trackProcessCall(t, px, hot);
    const callee = this.processes.list[px.callee];
    if (!callee.honest) return null;
    return this.calleePrologue(t, px.signature, px.calleePolicy);
  }

  /** After a stack switch the callee's stack capability is its own stack's (the caller's waits in the KCS frame). */
  protected calleeStackCap(theirs: StackRegion, _callers: number): number {
    return theirs.cap;
  }

  /** With a DCS of its own the callee gets the caller's top `keep` entries (its arguments), from this index on. */
  protected ownDcsFirst(top: number, keep: number): number {
    return top - keep;
  }

  /** P3 on the way back: the KCS top is this proxy's frame and the thread is in its callee. */
  protected returnFrameOk(t: number, frame: KcsFrame | undefined, x: number): frame is KcsFrame {
    return frame !== undefined && frame.proxy === x && this.kthreads.current[t] === frame.callee;
  }

  protected revokeReturnCap(id: number): void {
    this.hw.caps.revoke(id);
  }

  /** Returning into the proxy that split the thread off (§5.4) deletes it. */
  protected returnIntoSplit(t: number): void {
    this.kthreads.ended[t] = 1;
    this.kthreads.kcs[t].pop();
  }

  /** The proxy's return half. */
  protected proxyReturn(t: number, x: number): Output | null {
    const kt = this.kthreads;
    const frames = kt.kcs[t];
    const frame = frames[frames.length - 1];
    if (!this.returnFrameOk(t, frame, x)) return fault('proxyCheck', this.hw.threads.ip[t]);
    this.revokeReturnCap(frame.returnCap);
    if (frame.split) {
      this.returnIntoSplit(t);
      return null;
    }
    this.proxyReturns++;
    this.restoreCaller(t, frame, 0);
    frames.pop();
    return this.callerEpilogue(t, x);
  }

  /**
   * The caller's DCS back (docs/dipc-model.md "DCS integrity on return and unwind"): the
   * saved DCS if the callee had its own; under DCS integrity the top at the call with the
   * argument entries in their slots; with no DCS protection, on an unwind only, the top cut
   * back to the call's. Then the saved base (never above the top). Nothing cut off is revoked.
   */
  protected restoreDcs(t: number, frame: KcsFrame, unwinding: boolean): void {
    const th = this.hw.threads;
    const saved = frame.savedDcs;
    const args = frame.savedDcsArgs;
    if (saved !== null) {
      th.dcs.set(saved, t * this.hw.dcsSize);
      th.dcsTop[t] = saved.length;
    } else if (args !== null) {
      const keep = Math.min(th.dcsTop[t], Math.max(0, frame.savedDcsTop - args.length));
      th.dcs.set(args, t * this.hw.dcsSize + keep);
      th.dcsTop[t] = keep + args.length;
    } else if (unwinding && th.dcsTop[t] > frame.savedDcsTop) {
      th.dcsTop[t] = frame.savedDcsTop;
    }
    th.dcsBase[t] = Math.min(frame.savedDcsBase, th.dcsTop[t]);
  }

  /**
   * Back in the caller of `frame` (a return, or unwinding with an error): sp past the return
   * address, r7, c6, c7 if the stack was switched, the caller's DCS (restoreDcs);
   * track_process_ret; resume at the saved return address.
   */
  protected restoreCaller(t: number, frame: KcsFrame, err: number, unwinding = false): void {
    const th = this.hw.threads;
    th.regs[t * NUM_REGS + SP] = frame.savedSp + 1;
    th.regs[t * NUM_REGS + ERR_REG] = err;
    const capAt = t * NUM_CAP_REGS;
    th.capRegs[capAt + RET_CAP] = frame.savedRetCap;
    if (frame.stackSwitched) th.capRegs[capAt + STACK_CAP] = frame.savedStackCap;
    this.restoreDcs(t, frame, unwinding);
    th.ip[t] = frame.returnAddress;
    const kt = this.kthreads;
    const p = this.processes.list[frame.caller];
    kt.current[t] = frame.caller;
    kt.tls[t] = p.tls;
    kt.resource[t] = p.resource;
  }
}
