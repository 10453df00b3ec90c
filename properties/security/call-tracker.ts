// Following cross-process calls across steps, for the security properties: when a thread's
// KCS grows, what the call looked like on both sides (the caller's registers, stack and DCS
// just before, the callee's view just after); when it shrinks by a normal return, the call
// it closes. The KCS growing or shrinking is the trigger only (issue 12 §1): who called whom
// is the witness's code ownership, whether the stack was switched is judged from the sp the
// caller reached the proxy with against the callee's, and the stack a caller runs on is the
// one the tracker saw it given (its c7 when the thread was first seen, or the callee stack of
// the innermost switching call), never the frames' `caller`, `callee`, `stackSwitched` or
// the kernel's stack map. Built from abstract states only, so it speaks about any machine.
import { ERR_REG, SP } from '../../alphabet/config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { Output } from '../../alphabet/output';
import type { IsolationProp, Signature } from '../../alphabet/policy';
import { toWord } from '../../alphabet/resolve';
import type { DipcState } from '../../spec/state/dipc';
import type { KcsFrame } from '../../spec/state/kcs';
import { actorOf } from './actor';
import { calleeCopyWords, prologueWords, stubCopyWords } from './stub-shape';
import { resolveAddress } from '../../spec/transitions/addresses';
import { importIndex } from '../../spec/transitions/dipc/stubs';
import { holdsWord, overlapsWords, stackCapRegion, type StackWords } from './witness/stack-words';
import type { Witness } from './witness/witness';
import { succeeded } from '../rules';

export { actorOf } from './actor';

/** A stack as the tracker saw it given: the process it was given to and the region. */
export interface SeenStack {
  readonly owner: number;
  readonly region: StackWords;
}

export interface OpenCall {
  readonly t: number;
  /** KCS depth of the call's frame (1-based). */
  readonly depth: number;
  /** The process whose code made the call and the one it landed in (witness code ownership, not the frame). */
  readonly caller: number;
  readonly callee: number;
  /**
   * The proxy the call went through: the one the caller's control transfer entered (or an
   * outer proxy's entry address leads into), as the witness saw proxies made; the frame's
   * `proxy` only when the transfer entered none (docs/security.md). Its policy and signature
   * were made by entry_request, not by the call.
   */
  readonly proxy: number;
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
   * The caller ran on a stack of its own: the stack it was on (as the tracker saw it given)
   * was given to the caller's process. A process entered without a stack switch runs on its
   * caller's stack: its frames there are only as safe as that caller leaves them, so the
   * stack guarantees speak only about callers on their own stack.
   */
  readonly callerOnOwnStack: boolean;
  /** Before the call, a DCS entry the caller could see covered its frames (an outer stub parked a stack capability there). */
  readonly dcsReachesFrames: boolean;
  /**
   * The sp at which the caller's control transfer reached the proxy: the caller's sp less
   * what its op pushed (a stub's prologue, the call's return address) or plus what it popped
   * (a `ret`). Without a stack switch the proxy leaves it as it is (it only replaces the
   * return address at [sp]) and an honest callee's stub does not move it.
   */
  readonly entrySp: number;
  /** The callee's sp just after the op that made the call. */
  readonly calleeSp: number;
  /**
   * The callee runs on a stack of its own (§5.2.3 stack confidentiality, §5.4): its sp is not
   * the one the caller reached the proxy with (an honest callee's copy area aside).
   */
  readonly switchedStack: boolean;
  /** After a switch: the stack the callee was given, the region of its c7 just after the call (when it holds its sp). */
  readonly calleeStack: StackWords | null;
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
  | { readonly k: 'return'; readonly call: OpenCall | undefined; readonly t: number }
  | {
      readonly k: 'unwind';
      /** The frames popped (their number is what the tracker reads). */
      readonly frames: readonly KcsFrame[];
      readonly t: number;
      /** The call whose caller the kernel resumed (the oldest popped), unless the thread ended. */
      readonly resumed?: OpenCall;
    };

const framesOf = (s: DipcState, region: StackWords | undefined, sp: number): Map<number, number> => {
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

/** What the op that made the call moved the actor's sp by before control reached the proxy. */
const pushedBy = (op: DipcOp, c: Pick<OpenCall, 'callerPolicy' | 'policy' | 'signature'>): number => {
  switch (op.op) {
    case 'jump':
      return 0;
    case 'ret':
    case 'stub_return':
      return -1;
    case 'stub_call':
      return prologueWords(c) + 1;
    default:
      return 1;
  }
};

type Sides = Pick<OpenCall, 'callerPolicy' | 'policy' | 'signature' | 'calleeHonest' | 'calleePolicy'>;

/** Whether the call switched stacks, judged from the sp the caller reached the proxy with and the callee's (DESIGN §5). */
const observedSwitch = (op: DipcOp, pre: DipcState, post: DipcState, t: number, c: Sides): Pick<OpenCall, 'entrySp' | 'calleeSp' | 'switchedStack' | 'calleeStack'> => {
  const sp = pre.hw.threads[t].regs[SP];
  const entrySp = actorOf(op, pre) === t ? toWord(sp - pushedBy(op, c)) : sp;
  const calleeSp = post.hw.threads[t].regs[SP];
  const region = stackCapRegion(post, t);
  // An honest callee's stub with argument copy has already reserved its copy area below the proxy's sp (stub-shape.ts).
  const switchedStack = toWord(calleeSp + calleeCopyWords(c)) !== entrySp;
  return { entrySp, calleeSp, switchedStack, calleeStack: switchedStack && region !== null && holdsWord(region, calleeSp) ? region : null };
};

/**
 * Tracks every thread's open calls; `observe` is called once per step, in order, before the
 * witness it was given observes the same step (so its code ownership is the pre-step one:
 * no call changes who owns which code).
 */
export class CallTracker {
  private readonly open = new Map<number, OpenCall[]>();
  /** Thread -> the stack it started on: its c7 when first seen (boot, creation, a time-out's split) or after its exec, and its process then. */
  private readonly home = new Map<number, SeenStack | null>();
  /**
   * Every stack the tracker saw given (homes, and the callee stacks of switching calls), by
   * first word; a region given again (a recycled block) replaces what overlapped it.
   */
  private readonly given = new Map<number, SeenStack>();
  private booted = false;

  constructor(private readonly w: Witness) {}

  /** The calls open on thread t, outermost first (as of the last observed step). */
  openCalls(t: number): readonly OpenCall[] {
    return this.open.get(t) ?? [];
  }

  private setHome(s: DipcState, t: number): void {
    const region = stackCapRegion(s, t);
    const home = region === null ? null : { owner: this.w.actingAs(s, t), region };
    this.home.set(t, home);
    if (home !== null) this.remember(home);
  }

  private remember(st: SeenStack): void {
    for (const [first, old] of this.given) if (overlapsWords(old.region, st.region)) this.given.delete(first);
    this.given.set(st.region.first, st);
  }

  /** Whose stack a word is in, of the stacks the tracker saw given, if any. */
  stackOwnerOf(a: number): number | undefined {
    for (const st of this.given.values()) if (holdsWord(st.region, a)) return st.owner;
    return undefined;
  }

  /** The stack thread t runs on as the tracker saw it given: the innermost switching call's callee stack, else its home. */
  stackOf(t: number): SeenStack | null {
    const calls = this.open.get(t) ?? [];
    for (let i = calls.length - 1; i >= 0; i--) {
      const c = calls[i];
      if (c.switchedStack) return c.calleeStack === null ? null : { owner: c.callee, region: c.calleeStack };
    }
    return this.home.get(t) ?? null;
  }

  /**
   * The proxy thread t's op entered: a stub_call's import (the proxy the witness saw it
   * resolved to, or the one this very step made for it), else the proxy whose first
   * instruction the op's control transfer reached (a call's or jump's target, the word a
   * ret or stub_return pops).
   */
  private enteredProxy(op: DipcOp, pre: DipcState, post: DipcState, t: number, outer: OpenCall | undefined): number | undefined {
    if (actorOf(op, pre) !== t) return undefined;
    const th = pre.hw.threads[t];
    if (op.op === 'stub_call') {
      const P = this.w.actingAs(pre, t);
      const p = pre.os.processes[P];
      if (p === undefined || p.imports.length === 0) return undefined;
      const made = this.w.importProxy.get(`${P}:${importIndex(op.i, p.imports.length)}`);
      return made ?? (post.os.proxies.length > pre.os.proxies.length ? pre.os.proxies.length : undefined);
    }
    let target: number | undefined;
    if (op.op === 'call' || op.op === 'jump') target = resolveAddress(pre.hw, th, op.a);
    else if (op.op === 'ret' || op.op === 'stub_return') {
      const popped = op.op === 'stub_return' && outer !== undefined ? stubCopyWords(outer) : 0;
      target = pre.hw.memory.get(th.regs[SP] + popped) ?? 0;
    }
    return target === undefined ? undefined : this.w.proxyAt.get(target);
  }

  /** The proxy an outer proxy leads into: the one whose first instruction is the outer proxy's entry address, as its registrant published it. */
  private innerProxy(outer: { readonly entry: number; readonly slot: number } | undefined): number | undefined {
    if (outer === undefined) return undefined;
    const address = this.w.entryAddresses.get(outer.entry)?.[outer.slot];
    return address === undefined ? undefined : this.w.proxyAt.get(address);
  }

  observe(op: DipcOp, pre: DipcState, post: DipcState, output: Output): CallEvent[] {
    this.w.start(pre);
    if (!this.booted) {
      this.booted = true;
      pre.os.threads.forEach((_, t) => this.setHome(pre, t));
    }
    const events: CallEvent[] = [];
    const actor = actorOf(op, pre);
    if (op.op === 'syscall' && op.call.k === 'exec' && succeeded(output) && actor >= 0) {
      this.setHome(post, actor);
    }
    post.os.threads.forEach((kt, t) => {
      const before = pre.os.threads[t];
      const n0 = before?.kcs.length ?? 0;
      const n1 = kt.kcs.length;
      const stack = this.open.get(t) ?? [];
      if (before === undefined) {
        this.open.set(t, []);
        this.setHome(post, t);
        return;
      }
      if (n1 < n0) {
        const popped = before.kcs.slice(n1);
        const calls = stack.splice(Math.max(0, stack.length - (n0 - n1)));
        const normal = n0 - n1 === 1 && !kt.ended && post.hw.threads[t].regs[ERR_REG] === 0 && t === actor;
        if (normal) events.push({ k: 'return', call: calls.find((c) => c.depth === n0), t });
        else events.push({ k: 'unwind', frames: popped, t, resumed: kt.ended ? undefined : calls.find((c) => c.depth === n1 + 1) });
      }
      if (n1 <= n0) {
        this.open.set(t, stack);
        return;
      }
      const on = this.stackOf(t);
      const entered = this.enteredProxy(op, pre, post, t, stack.at(-1));
      const frames = framesOf(pre, on?.region, pre.hw.threads[t].regs[SP]);
      let caller = this.w.actingAs(pre, t);
      let prevOwed: { readonly entry: number; readonly slot: number } | undefined;
      for (let k = n0; k < n1; k++) {
        // The proxy the caller's control transfer entered (its first instruction), as the witness saw
        // proxies made; a proxy entered by another proxy in the same op (several frames) is the
        // one whose first instruction is the outer proxy's entry address as its registrant
        // published it (witness). The frame's index only for a transfer that entered no proxy
        // the witness saw made (P2 reports that).
        const chained = k > n0 ? this.innerProxy(prevOwed) : undefined;
        const seen = k === n0 ? entered : chained;
        const proxy = seen ?? kt.kcs[k].proxy;
        const px = post.os.proxies[proxy];
        // What the proxy is owed: what made it asked for (the witness), not the proxy's own record
        // (which a flawed design may have built wrongly). Every proxy is seen made (the boot state has none).
        const owed = this.w.proxies.get(proxy);
        prevOwed = owed;
        const entryIdx = owed?.entry ?? px.entry;
        const slot = owed?.slot ?? px.slot;
        // The callee is where the thread landed; a proxy that led into another proxy (one op, several frames) lands its inner caller at its entry's address.
        const landed = k === n1 - 1 ? this.w.actingAs(post, t) : this.w.codeOwner(post, post.os.entries[entryIdx]?.entries[slot]?.address ?? -1);
        const callee = typeof landed === 'number' ? landed : -1;
        const callerHonest = pre.os.processes[caller]?.honest === true;
        const calleeHonest = pre.os.processes[callee]?.honest === true;
        // From the state after: stub_call resolves its import (makes the proxy) in the same step.
        const imp = post.os.processes[caller]?.imports.find((i) => i.proxy === proxy);
        const sides: Sides = {
          callerPolicy: imp?.policy ?? null,
          policy: owed?.policy ?? px.policy,
          signature: owed?.signature ?? px.signature,
          calleeHonest,
          calleePolicy: owed?.calleePolicy ?? post.os.entries[entryIdx]?.entries[slot]?.policy ?? [],
        };
        const call: OpenCall = {
          t, depth: k + 1, caller, callee, proxy,
          callerHonest,
          viaStub: op.op === 'stub_call' && t === actor && callerHonest,
          ...sides,
          before: pre.hw.threads[t], after: post.hw.threads[t],
          callerFrames: frames,
          dcsReachesFrames: reaches(pre, t, frames),
          nested: [],
          outer: stack.at(-1),
          argWords: bufferWords(post, t, px.signature.dcsArgs),
          callerOnOwnStack: on !== null && on.owner === caller,
          ...observedSwitch(op, pre, post, t, sides),
        };
        for (const outer of stack) if (outer.callee === caller) outer.nested.push(call);
        if (call.calleeStack !== null) this.remember({ owner: callee, region: call.calleeStack });
        stack.push(call);
        events.push({ k: 'call', call });
        caller = callee;
      }
      this.open.set(t, stack);
    });
    return events;
  }
}
