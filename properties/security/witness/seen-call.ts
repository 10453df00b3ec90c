// A cross-process call as a property saw it made (issue 12 §1): where its caller's own call
// returns, the sp and DCS the caller must get back, and who called whom, all read from the
// op that made the call and the states around it, never from the proxy's KCS frame
// (`returnAddress`, `savedSp`, `savedDcs`, `caller`, `stackSwitched`). Shared by P3 (returns
// and unwinds), UNW (unwinds after crashes and kills) and TMO (whether a timed-out call
// switched stacks, and the stacks a thread may still use).
import { RET_CAP, SP, STACK_CAP } from '../../../alphabet/config';
import type { DipcState } from '../../../spec/state/dipc';
import { actorOf } from '../actor';
import type { CallEvent } from '../call-tracker';
import type { Obs } from '../harness';
import { prologueWords, retLanding } from '../stub-shape';
import { stackCapRegion, type StackWords } from './stack-words';
import type { Witness } from './witness';

export { overlapsWords, stackCapRegion, type StackWords, withinWords } from './stack-words';

type Dcs = readonly (number | null)[];

export interface SeenCall {
  readonly t: number;
  /** The process whose code made the call (witness code ownership), and the one it landed in. */
  readonly caller: number;
  readonly callee: number;
  /** ip + 1 for a `call` or a stub's call; the word the caller left at [sp] for a `jump`. */
  readonly returnAddress: number;
  /** The caller's sp when it resumes: sp at the call + 1 (its return address popped), or as before an honest stub's prologue. */
  readonly resumeSp: number;
  readonly dcsBase: number;
  /** The caller's DCS, when the callee got a DCS of its own (DCS confidentiality). */
  readonly dcs: Dcs | null;
  /**
   * The caller's whole DCS as it resumes after the call (DESIGN §5, issue 12 §2): the DCS at
   * its call instruction, less what an honest stub's epilogue pops (so: the DCS before the
   * stub ran). For an adversary's stub_call (a prologue but no epilogue), what the prologue
   * pushed: the stack capability under stack integrity, then the arguments.
   */
  readonly dcsAtCall: Dcs;
  /**
   * The call's policy has DCS integrity or confidentiality: the kernel owes the caller its
   * entries from its base up to the call's length back (restored argument slots, or its
   * saved DCS). Without either, the callee may pop them (§5.2.3): only those below the base
   * are the hardware's to keep.
   */
  readonly dcsKept: boolean;
  readonly retCap: number | null;
  readonly viaStub: boolean;
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
   * the one the caller reached the proxy with. A call without a switch leaves them equal, and
   * a switched one puts the callee on a stack in other pages (DESIGN §5).
   */
  readonly switchedStack: boolean;
  /** After a switch: the stack the callee was given, the region of its c7 just after the call (when it holds its sp). */
  readonly calleeStack: StackWords | null;
  /** The region the caller's c7 covered just before the op that made the call (its own stack: an honest stub narrows c7 within it). */
  readonly callerStack: StackWords | null;
}

/** The arguments a stub_call's prologue pushed, as the callee found them on top of its DCS. */
const pushedArgs = (post: DipcState, t: number, d: number): Dcs => (d === 0 ? [] : post.hw.threads[t].dcs.slice(-d));

/** A `ret` that lands on a proxy's first instruction is a call too (stub-shape.ts `retLanding`). */
export const seeCall = (o: Obs, c: Extract<CallEvent, { k: 'call' }>['call'], w: Witness): SeenCall => {
  const { t } = c;
  const pre = o.pre.hw.threads[t];
  const sp = pre.regs[SP];
  const mine = actorOf(o.op, o.pre) === t;
  const popped = retLanding(o.op, o.pre, c);
  const jumped = o.op.op === 'jump' && mine;
  // An adversary's stub_call runs the stub's prologue but no epilogue: it resumes where its call instruction was.
  const stubbed = o.op.op === 'stub_call' && actorOf(o.op, o.pre) === t;
  const bare = stubbed && !c.viaStub;
  const stackInt = (c.callerPolicy ?? c.policy).includes('stackInt');
  return {
    t,
    // The tracker's: witness code ownership, the switch judged from the sp's (call-tracker.ts).
    caller: c.caller,
    callee: c.callee,
    returnAddress: popped !== null ? o.pre.hw.memory.get(sp + popped + 1) ?? 0 : jumped ? o.pre.hw.memory.get(sp) ?? 0 : pre.ip + 1,
    resumeSp: popped !== null ? sp + popped + 2 : jumped ? sp + 1 : bare ? sp - prologueWords(c) : sp,
    dcsBase: pre.dcsBase,
    // (An adversary's stub prologue pushed capabilities no epilogue pops: only its own business.)
    dcs: c.policy.includes('dcsConf') && !bare ? pre.dcs : null,
    dcsAtCall: bare ? [...pre.dcs, ...(stackInt ? [pre.capRegs[STACK_CAP] ?? null] : []), ...pushedArgs(o.post, t, c.signature.dcsArgs)] : pre.dcs,
    dcsKept: c.policy.includes('dcsInt') || c.policy.includes('dcsConf'),
    retCap: o.post.hw.threads[t].capRegs[RET_CAP] ?? null,
    viaStub: c.viaStub,
    entrySp: c.entrySp,
    calleeSp: c.calleeSp,
    switchedStack: c.switchedStack,
    calleeStack: c.calleeStack,
    callerStack: stackCapRegion(o.pre, t),
  };
};

/**
 * Per thread, the calls it is inside as seen made, outermost first; `observe` applies one
 * step's call events (the tracker's KCS growth and shrinkage: the trigger only) and returns,
 * per closed call list, what closed.
 */
export class SeenCalls {
  private readonly stacks = new Map<number, SeenCall[]>();

  of(t: number): readonly SeenCall[] {
    return this.stacks.get(t) ?? [];
  }

  open(call: SeenCall): void {
    const list = this.stacks.get(call.t) ?? [];
    list.push(call);
    this.stacks.set(call.t, list);
  }

  /** Close the n innermost calls of thread t; returns them, outermost first. */
  close(t: number, n: number): SeenCall[] {
    const list = this.stacks.get(t) ?? [];
    return list.splice(Math.max(0, list.length - n));
  }
}
