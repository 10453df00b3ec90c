// Crashes, kills and time-outs (§5.2.1, §5.4, DESIGN §5 "Faults and unwinding").
//
// A thread's call chain is p0 (home) -> p1 -> ... -> pn (current); frame k runs in pk, and
// KCS entry k (kcs[k-1]) is the call from p(k-1) into pk. A crash in pn fails frame n;
// kill(p) fails every frame of p in every thread. With i the oldest failed frame: i = 0
// ends the thread; otherwise frames i..n are discarded (their return capabilities revoked)
// and p(i-1) resumes at the return address of KCS entry i with an error in r7, sp, DCS and
// current process restored as saved at that call. If an honest caller's stub epilogue then
// faults, that is a crash of frame i-1, unwound in turn.
import { ARGS_CAP, ERR_REG, NUM_CAP_REGS, NUM_REGS, RET_CAP, STACK_CAP } from '../../alphabet/config';
import type { DipcError } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import { RANK_NONE } from '../indices';
import type { KcsFrame } from './kcs';
import { KERNEL_TAG } from './lifecycle';
import type { ProcessRecord } from './processes';
import { ERR_CRASH, ERR_TIMEOUT, ProxyCalls } from './proxy';

export class Unwinding extends ProxyCalls {
  unwinds = 0;
  kills = 0;
  splits = 0;

  /**
   * Unwinding resumes the caller of `frame` with `err`: the same restores as a return, then
   * what the discarded frames could have written is wiped (DESIGN §11; §5.2.1 and §5.4 say
   * only that the kernel "flags an error" and resumes the caller at the proxy, and no callee
   * stub runs to apply §5.2.3's register confidentiality): r0-r6 zero, c0-c5 empty. r7 (the
   * error), sp and c6 are what restoreCaller left: the caller's, as at the call (c7: see
   * unwindFrom, from the oldest discarded call that switched stacks); the
   * DCS is cut back to its length at the call (issue 12 §2, restoreDcs).
   */
  protected unwindRestore(t: number, frame: KcsFrame, err: number): void {
    this.restoreCaller(t, frame, err, true);
    const th = this.hw.threads;
    th.regs.fill(0, t * NUM_REGS, t * NUM_REGS + ERR_REG);
    th.capRegs.fill(-1, t * NUM_CAP_REGS, t * NUM_CAP_REGS + ARGS_CAP + 1);
  }

  /** Discard frames from..n of thread t and resume p(from-1) with `err` in r7; from = 0 ends the thread. */
  protected unwindFrom(t: number, from: number, err: number): void {
    const kt = this.kthreads;
    const caps = this.hw.caps;
    let code = err;
    for (let i = from; ; i--) {
      if (i <= 0) {
        kt.ended[t] = 1;
        return;
      }
      const frames = kt.kcs[t];
      const frame = frames[i - 1];
      // A thread split off by a time-out has no caller left to resume.
      if (frame.split) {
        kt.ended[t] = 1;
        return;
      }
      this.unwinds++;
      // c7 comes back from the oldest discarded call that switched stacks (none: it stays).
      let stackFrame: KcsFrame | null = null;
      for (let k = i - 1; k < frames.length; k++) {
        caps.revoke(frames[k].returnCap);
        if (stackFrame === null && frames[k].stackSwitched) stackFrame = frames[k];
      }
      // Each discarded frame inside frame i-1 gives back its caller's DCS, innermost first
      // (frame i-1's own in unwindRestore): an inner DCS-confidentiality call left its
      // callee's DCS in place, which p(i-1) must not resume on.
      for (let k = frames.length - 1; k >= i; k--) this.restoreDcs(t, frames[k], true);
      frames.length = i - 1;
      this.unwindRestore(t, frame, code);
      if (stackFrame !== null) this.hw.threads.capRegs[t * NUM_CAP_REGS + STACK_CAP] = stackFrame.savedStackCap;
      if (this.callerEpilogue(t, frame.proxy) === null) return;
      // The caller's own stub faulted: a crash of frame i-1.
      this.hw.threads.faults[t]++;
      code = ERR_CRASH;
    }
  }

  /** A fault of thread t in pn (already counted) fails frame n. */
  protected unwindCrash(t: number): void {
    this.unwindFrom(t, this.kthreads.kcs[t].length, ERR_CRASH);
  }

  /** A fault the CODOMs machine did not count (stubs, proxies, a syscall's fetch): count it, then unwind. */
  protected crashWith(t: number): void {
    this.hw.threads.faults[t]++;
    this.unwindCrash(t);
  }

  /** The frame of thread t that kill(pid) unwinds from: its oldest in pid (-1: none). */
  protected failedFrameOf(t: number, pid: number): number {
    const kt = this.kthreads;
    if (kt.home[t] === pid) return 0;
    const frames = kt.kcs[t];
    for (let k = 0; k < frames.length; k++) if (frames[k].callee === pid) return k + 1;
    return -1;
  }

  /** kill's shootdown of the hot path (kernel-threads.ts): no thread's hot entry names pid any more. */
  protected invalidateHotPaths(pid: number): void {
    this.kthreads.shootDownHot(pid);
  }

  /** APL[src][dst] removed, with the shootdown of row src on every CPU. */
  private clearAplEntry(src: number, dst: number): void {
    this.hw.writeApl(0, src, dst, RANK_NONE);
  }

  /** Its domains leave every APL, in both directions; the grants it made are undone. */
  private removeFromApls(p: ProcessRecord): void {
    const apl = this.hw.apl;
    const n = this.hw.numDomains;
    for (const tag of p.tags) {
      const row = apl.row(tag);
      for (let dst = 0; dst < n; dst++) if (row[dst] !== RANK_NONE) this.clearAplEntry(tag, dst);
      for (let src = 0; src < n; src++) if (apl.row(src)[tag] !== RANK_NONE) this.clearAplEntry(src, tag);
    }
    const g = this.grants;
    for (const id of p.grantsMade) {
      if (g.live[id]) this.clearAplEntry(g.src[id], g.dst[id]);
      g.live[id] = 0;
    }
  }

  /**
   * kill(p) (§5.2.1): noProcess unless p is alive. p dies; its block is released; its
   * domains and grants leave the APLs; its entries and the proxies to and from it are dead
   * from now on (entry-table.ts); every thread with a frame in p unwinds from its oldest.
   * Returns the threads unwound, in order.
   */
  protected kill(pidSel: number): number[] | DipcError {
    const pid = resolveIndex(pidSel, this.processes.count);
    if (pid < 0 || !this.processes.list[pid].alive) return 'noProcess';
    this.kills++;
    const p = this.processes.list[pid];
    p.alive = false;
    const block = p.block;
    p.block = -1;
    if (block >= 0) this.releaseBlock(block);
    this.removeFromApls(p);
    this.invalidateHotPaths(pid);
    return this.failFramesOf(pid, -1);
  }

  /** Every frame of pid fails in every thread but `except`: each unwinds from its oldest frame there. */
  protected failFramesOf(pid: number, except: number): number[] {
    const kt = this.kthreads;
    const unwound: number[] = [];
    for (let t = 0; t < kt.count; t++) {
      if (kt.ended[t] || t === except) continue;
      const oldest = this.failedFrameOf(t, pid);
      if (oldest < 0) continue;
      this.unwindFrom(t, oldest, ERR_CRASH);
      unwound.push(t);
    }
    return unwound;
  }

  /**
   * A split needs the callee on a stack of its own (§5.4): the call switched stacks, and the
   * callee has no earlier frame in this thread (re-entrance), whose stack it would share.
   */
  protected splittable(t: number, frame: KcsFrame): boolean {
    if (!frame.stackSwitched) return false;
    const kt = this.kthreads;
    if (kt.home[t] === frame.callee) return false;
    const frames = kt.kcs[t];
    for (let k = 0; k < frames.length - 1; k++) if (frames[k].callee === frame.callee) return false;
    return true;
  }

  /**
   * timeout(t) (§5.4): noCall, notSplittable, noThreads. Thread t's innermost call is split:
   * a new thread carries on in the callee with that frame (marked split) and its own
   * capabilities to the callee stack and the return path (t's are revoked), and t resumes
   * its caller with the time-out error.
   */
  protected timeout(t: number): DipcError | null {
    const kt = this.kthreads;
    const frames = kt.kcs[t];
    const frame = frames[frames.length - 1];
    if (frame === undefined) return 'noCall';
    if (!this.splittable(t, frame)) return 'notSplittable';
    const t2 = kt.count;
    const hw = this.hw;
    if (t2 >= kt.max || t2 >= hw.threads.count) return 'noThreads';
    const region = kt.stacks[t].get(frame.callee);
    if (region === undefined) return 'notSplittable';
    this.splits++;
    const px = this.entries.proxies[frame.proxy];
    const stackCap = hw.kernelCap(region.first, region.words, true, t2, KERNEL_TAG);
    const retCap = hw.kernelCap(px.returnPath, 1, false, t2, px.domain);
    hw.caps.revoke(region.cap);
    hw.caps.revoke(frame.returnCap);
    hw.cloneThread(t, t2, t2 % hw.numCpus);
    hw.threads.capRegs[t2 * NUM_CAP_REGS + STACK_CAP] = stackCap;
    hw.threads.capRegs[t2 * NUM_CAP_REGS + RET_CAP] = retCap;
    kt.add(frame.callee, kt.tls[t], kt.resource[t]);
    kt.current[t2] = kt.current[t];
    kt.kcs[t2].push(frame.splitCopy(retCap));
    kt.stacks[t2].set(frame.callee, { first: region.first, words: region.words, cap: stackCap });
    kt.stacks[t].delete(frame.callee);
    const callee = this.processes.list[frame.callee];
    kt.warm[t2].set(frame.callee, callee.nameThread(t2));
    this.unwindFrom(t, frames.length, ERR_TIMEOUT);
    return null;
  }
}
