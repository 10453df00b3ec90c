// Following cross-process calls across steps, for the security properties: when a thread's
// KCS grows, what the call looked like on both sides (the caller's registers, stack and DCS
// just before, the callee's view just after); when it shrinks by a normal return, the call
// it closes. Built from abstract states only, so it speaks about any machine.
import { ERR_REG, SP } from '../../alphabet/config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { IsolationProp, Signature } from '../../alphabet/policy';
import { resolveIndex } from '../../alphabet/resolve';
import type { DipcState } from '../../spec/state/dipc';
import type { KcsFrame } from '../../spec/state/kcs';
import { stackOfFrame } from '../../spec/transitions/dipc/proxy';

export interface OpenCall {
  readonly t: number;
  /** KCS depth of the call's frame (1-based: the frame is kcs[depth-1]). */
  readonly depth: number;
  readonly frame: KcsFrame;
  readonly callerHonest: boolean;
  readonly calleeHonest: boolean;
  /** Made by the thread's own honest stub_call (so its stub ran the caller's half). */
  readonly viaStub: boolean;
  /** The caller's import policy (its stub's half), when the call went through one of its imports. */
  readonly callerPolicy: readonly IsolationProp[] | null;
  /** The callee entry's policy (its stub's half). */
  readonly calleePolicy: readonly IsolationProp[];
  /** The proxy's effective policy and the entry's signature. */
  readonly policy: readonly IsolationProp[];
  readonly signature: Signature;
  /** The thread just before the op that made the call, and just after. */
  readonly before: DipcState['hw']['threads'][number];
  readonly after: DipcState['hw']['threads'][number];
  /** The caller's stack words at and above its sp before the call (its frames), by address. */
  readonly callerFrames: ReadonlyMap<number, number>;
  /** The words of each DCS argument's buffer as the callee found them on entry. */
  readonly argWords: readonly number[];
  /**
   * The caller ran on a stack of its own. A process entered without a stack switch runs on
   * its caller's stack: its frames there are only as safe as that caller leaves them, so
   * the stack guarantees speak only about callers on their own stack.
   */
  readonly callerOnOwnStack: boolean;
  /** Before the call, a DCS entry the caller could see covered its frames (an outer stub parked a stack capability there). */
  readonly dcsReachesFrames: boolean;
  /**
   * The calls the callee's process made on this thread while this call was open, as the
   * tracker saw them open (its own nested calls, at any depth: an activation re-entered on
   * the same thread is the same process's code). ARG-IMM reads whether they kept the
   * callee's frames (its argument copy) out of their callees' reach.
   */
  readonly nested: OpenCall[];
  /** The call the thread was inside when this one opened (the tracker's own record), if any. */
  readonly outer: OpenCall | undefined;
}

export type CallEvent =
  | { readonly k: 'call'; readonly call: OpenCall }
  | { readonly k: 'return'; readonly call: OpenCall | undefined; readonly frame: KcsFrame; readonly t: number }
  | {
      readonly k: 'unwind';
      readonly frames: readonly KcsFrame[];
      readonly t: number;
      /** The call whose caller the kernel resumed (the oldest popped), unless the thread ended. */
      readonly resumed?: OpenCall;
    };

/** The thread an op runs on, if any. */
export const actorOf = (op: DipcOp, s: DipcState): number =>
  typeof op === 'object' && op !== null && 't' in op && op.op !== 'timeout' ? resolveIndex(op.t, s.os.threads.length) : -1;

const framesOf = (s: DipcState, t: number, region: { first: number; words: number } | undefined, sp: number): Map<number, number> => {
  const words = new Map<number, number>();
  if (region === undefined) return words;
  for (let a = Math.max(sp, region.first); a < region.first + region.words; a++) words.set(a, s.hw.memory.get(a) ?? 0);
  return words;
};

const bufferWords = (s: DipcState, t: number, d: number): number[] => {
  const ctx = s.hw.threads[t];
  const out: number[] = [];
  for (let j = 0; j < d; j++) {
    const id = ctx.capRegs[j];
    const cap = id === null || id === undefined ? undefined : s.hw.caps[id];
    for (let w = 0; w < 4; w++) out.push(cap === undefined ? 0 : s.hw.memory.get(cap.base + w) ?? 0);
  }
  return out;
};

/** Does a DCS entry above the thread's base cover any of these frame words? */
const reaches = (s: DipcState, t: number, frames: ReadonlyMap<number, number>): boolean => {
  if (frames.size === 0) return false;
  const addrs = [...frames.keys()];
  const lo = Math.min(...addrs);
  const hi = Math.max(...addrs) + 1;
  const ctx = s.hw.threads[t];
  return ctx.dcs.slice(ctx.dcsBase).some((id) => {
    const cap = id === null ? undefined : s.hw.caps[id];
    return cap !== undefined && !cap.revoked && cap.base < hi && cap.base + cap.length > lo;
  });
};

/** Tracks every thread's open calls; `observe` is called once per step, in order. */
export class CallTracker {
  private readonly open = new Map<number, OpenCall[]>();

  /** The calls open on thread t, outermost first (as of the last observed step). */
  openCalls(t: number): readonly OpenCall[] {
    return this.open.get(t) ?? [];
  }

  observe(op: DipcOp, pre: DipcState, post: DipcState): CallEvent[] {
    const events: CallEvent[] = [];
    const actor = actorOf(op, pre);
    post.os.threads.forEach((kt, t) => {
      const before = pre.os.threads[t];
      const n0 = before?.kcs.length ?? 0;
      const n1 = kt.kcs.length;
      const stack = this.open.get(t) ?? [];
      if (before === undefined) {
        this.open.set(t, []);
        return;
      }
      if (n1 < n0) {
        const popped = before.kcs.slice(n1);
        const calls = stack.splice(Math.max(0, stack.length - (n0 - n1)));
        const normal = n0 - n1 === 1 && !kt.ended && post.hw.threads[t].regs[ERR_REG] === 0 && t === actor;
        if (normal) events.push({ k: 'return', call: calls.find((c) => c.depth === n0), frame: popped[0], t });
        else events.push({ k: 'unwind', frames: popped, t, resumed: kt.ended ? undefined : calls.find((c) => c.depth === n1 + 1) });
      }
      for (let k = n0; k < n1; k++) {
        const frame = kt.kcs[k];
        const px = post.os.proxies[frame.proxy];
        const caller = pre.os.processes[frame.caller];
        const entry = post.os.entries[px.entry];
        // From the state after: stub_call resolves its import (makes the proxy) in the same step.
        const imp = post.os.processes[frame.caller].imports.find((i) => i.proxy === frame.proxy);
        const region = stackOfFrame(before, n0);
        const frames = framesOf(pre, t, region, pre.hw.threads[t].regs[SP]);
        const call: OpenCall = {
          t, depth: k + 1, frame,
          callerHonest: caller.honest, calleeHonest: pre.os.processes[frame.callee].honest,
          viaStub: op.op === 'stub_call' && t === actor && caller.honest,
          callerPolicy: imp?.policy ?? null,
          calleePolicy: entry?.entries[px.slot]?.policy ?? [],
          policy: px.policy, signature: px.signature,
          before: pre.hw.threads[t], after: post.hw.threads[t],
          callerFrames: frames,
          dcsReachesFrames: reaches(pre, t, frames),
          nested: [],
          outer: stack.at(-1),
          argWords: bufferWords(post, t, px.signature.dcsArgs),
          callerOnOwnStack: region !== undefined && region.first === before.stacks.get(frame.caller)?.first,
        };
        for (const outer of stack) if (outer.frame.callee === frame.caller) outer.nested.push(call);
        stack.push(call);
        events.push({ k: 'call', call });
      }
      this.open.set(t, stack);
    });
    return events;
  }
}
