// Honest progress (issue 12 §2, part of P5): an honest thread never faults, ends, or loses a
// capability it owns because of what an adversary did, except as the paper specifies: a
// call whose callee died, crashed or timed out returns an error to its caller (§5.2.1,
// §5.4), and a thread whose own process dies (is killed, or exec's a new image) goes with it.
//
// "Honest code" is code of an honest process (the witness's page ownership of the thread's
// ip). Honest processes run only their stubs (stub_call, stub_return) and system calls;
// everything else on their threads is the kernel's, the proxies' or an adversary's. What is
// observed, never read from the KCS frames, `current` or the fault-delivery path:
//  - faults: an op that honest code runs (its actor's ip is honest code before it) whose
//    output is a fault or after which the thread has taken more faults;
//  - resumption: for every call an honest caller made (recorded here at its stub_call: the
//    return point ip + 1, its DCS, c6 and c7 as they were before the stub's prologue), when
//    the call closes (normally, or unwound by a crash, kill or time-out) the caller is where
//    its call returns, in its own code, thread alive, unless its own process died in that
//    step. A caller's stub epilogue that faults (the callee corrupted its stack or DCS)
//    shows here: the thread unwinds past it, or ends;
//  - capabilities: at that resumption its DCS is exactly what it was before its prologue
//    (same entries, none revoked), and c6 and c7 are the same unrevoked capabilities;
//  - ends: a thread in honest code that ends in a step other than its own faulting op, a
//    kill or an exec.
// The KCS only says when a call opened or closed (the call tracker's trigger).
//
// Which call a failure is charged to decides the policy condition (`ProgressCondition`):
// resumption and capabilities to the honest caller's call (the adversary is its callee);
// faults of honest code to the call that entered the honest frame, when an adversary made
// it (the adversary is its caller, and set the stack and DCS the frame runs on).
import { RET_CAP, SP, STACK_CAP } from '../../alphabet/config';
import { resolveIndex } from '../../alphabet/resolve';
import { isRevoked } from '../../spec/state/capabilities';
import type { DipcState } from '../../spec/state/dipc';
import { pageIndexOf } from '../../spec/state/pages';
import type { Broken } from '../types';
import { actorOf, type CallEvent, type OpenCall } from './call-tracker';
import type { Obs, SecurityCheck } from './harness';
import { prologueWords } from './stub-shape';
import type { Witness } from './witness/witness';

/** A call as this check saw it made. */
export interface ProgressCall {
  readonly t: number;
  /** The process whose code made the call, and the one whose code it entered (witness). */
  readonly caller: number;
  readonly callee: number;
  readonly callerHonest: boolean;
  readonly returnAddress: number;
  /** The caller's DCS, c6 and c7 before the op that made the call (before an honest stub's prologue). */
  readonly dcs: readonly (number | null)[];
  readonly c6: number | null;
  readonly c7: number | null;
  /** The policies (the trigger's: which policy the caller and callee asked for). */
  readonly open: OpenCall;
  /** An adversary ran inside this call: its callee, or the callee of a call nested in it. */
  adversaryInside: boolean;
}

/**
 * Whether a failure charged to a call is a violation: `side` says which side the honest
 * process is on (the caller of `c`, whose callee is an adversary; or the callee of `c`,
 * whose caller is an adversary).
 */
export type ProgressCondition = (c: ProgressCall, side: 'caller' | 'callee') => boolean;

const honestProc = (s: DipcState, p: number): boolean => s.os.processes[p]?.honest === true;
const live = (s: DipcState, id: number | null | undefined): boolean => id !== null && id !== undefined && id < s.hw.caps.length && !isRevoked(s.hw.caps, id);
/** The policies of a call, for messages: what the caller's import asked, and the proxy's. */
export const showPolicy = (r: ProgressCall): string => `[caller asks ${(r.open.callerPolicy ?? []).join('+') || 'nothing'}; proxy ${r.open.policy.join('+') || 'nothing'}]`;
const hex = (a: number): string => `0x${a.toString(16)}`;

/** The processes that die in this step: a killed one, or one whose image an exec replaced. */
const diedNow = (o: Obs, w: Witness): Set<number> => {
  const died = new Set<number>();
  const ok = o.output.out === 'ok' || o.output.out === 'value';
  if (o.op.op === 'kill' && ok) died.add(resolveIndex(o.op.pid, o.pre.os.processes.length));
  if (o.op.op === 'syscall' && o.op.call.k === 'exec' && ok) {
    const a = actorOf(o.op, o.pre);
    if (a >= 0) died.add(w.actingAs(o.pre, a));
  }
  return died;
};

/**
 * Whether every entry on the DCS of the innermost frame is the honest side's own: no
 * adversary entered the honest calls above it, or the last one that did gave it a DCS of its
 * own (dcsConf: copies of the arguments its own signature declares). Then a DCS overflow is
 * the honest processes' own use of a DCS the machine made that small.
 */
const ownSince = (list: readonly ProgressCall[], s: DipcState, fresh: 'dcsConf' | 'stackConf'): boolean => {
  for (let k = list.length - 1; k >= 0; k--) {
    const x = list[k];
    if (!honestProc(s, x.callee)) return false;
    if (!x.callerHonest) return x.open.policy.includes(fresh);
  }
  return true;
};

/**
 * The honest stub_call would push past the bottom of the stack it runs on: its prologue's
 * words and the return address do not fit between sp and the base of its stack capability
 * (c7), or of the stack pages sp lies in when c7 holds nothing valid.
 */
const exhaustsStack = (o: Obs, t: number, P: number, w: Witness): boolean => {
  if (o.op.op !== 'stub_call') return false;
  const proc = o.pre.os.processes[P];
  const imp = proc?.imports[resolveIndex(o.op.i, proc.imports.length)];
  if (imp === undefined) return false;
  const need = prologueWords({ callerPolicy: imp.policy, policy: imp.policy, signature: imp.signature }) + 1;
  const ctx = o.pre.hw.threads[t];
  const sp = ctx.regs[SP];
  const c7 = ctx.capRegs[STACK_CAP];
  if (c7 !== null && c7 !== undefined && live(o.pre, c7)) return sp - need < o.pre.hw.caps[c7].base;
  const wpp = o.pre.hw.wordsPerPage;
  const pages = o.pre.hw.pages;
  const stackPage = [Math.floor((sp - 1) / wpp), Math.floor(sp / wpp)].find((p) => p >= 0 && p < pages.length && w.own.stackTags.has(pages[p].tag));
  if (stackPage === undefined) return false;
  let bottom = stackPage;
  while (bottom > 0 && pages[bottom - 1].tag === pages[stackPage].tag) bottom--;
  return sp - need < bottom * wpp;
};

/** b is code of the same domain as a (an executable page with a's tag). */
const sameCode = (s: DipcState, a: number, b: number): boolean => {
  const table = { wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages };
  const pa = pageIndexOf(table, a);
  const pb = pageIndexOf(table, b);
  return pa !== null && pb !== null && s.hw.pages[pb].exec && s.hw.pages[pb].tag === s.hw.pages[pa].tag;
};

/** System calls by which a process gives up or moves authority it holds over its own memory and calls. */
const SELF_HARM = new Set(['grant_revoke', 'dom_remap', 'dom_mmap']);

export interface ProgressOptions {
  readonly condition: ProgressCondition;
  /**
   * When an adversary's entry gave the honest calls above it their own stack and DCS (the
   * suite's full condition, whatever condition this form judges): faults there with no other
   * adversary above are the honest side's own. Defaults to `condition`.
   */
  readonly ownEntry?: ProgressCondition;
  /** Check faults of honest code entered by an adversary (false: only its resumption and capabilities). */
  readonly calleeFaults?: boolean;
}

export const makeProgressCheck = (opts: ProgressOptions): SecurityCheck => {
  /** Per thread, the calls it is inside, outermost first (every call, so unwinds line up). */
  const stacks = new Map<number, ProgressCall[]>();
  /**
   * Per thread, the honest processes an adversary could reach outside the condition there: a
   * call one of them made came back outside it, or an adversary called into one outside it
   * (or an honest call came from such a frame). What the adversary broke then may stay broken
   * for that process on that thread: its later frames there reuse its stack capability (an
   * epilogue that popped the wrong DCS entry may have revoked it), its stack and its DCS. So
   * what that process does later on that thread is not charged to anyone.
   */
  const outside = new Map<number, Set<number>>();
  /**
   * Honest processes whose own code gave up or moved authority it had (a successful
   * grant_revoke, dom_remap or dom_mmap: the generator lets honest code make any system call).
   * Its own act can break its later calls (a revoked grant to its proxy, its pages elsewhere):
   * from then on nothing it does is charged to an adversary.
   */
  const selfHarmed = new Set<number>();
  const { condition } = opts;
  const ownEntry = opts.ownEntry ?? condition;
  const marks = (t: number): Set<number> => {
    let m = outside.get(t);
    if (m === undefined) outside.set(t, (m = new Set()));
    return m;
  };

  const record = (o: Obs, c: OpenCall, w: Witness): ProgressCall => {
    const { t } = c;
    const pre = o.pre.hw.threads[t];
    const jumped = o.op.op === 'jump' && actorOf(o.op, o.pre) === t;
    const caller = w.actingAs(o.pre, t);
    return {
      t, caller, callee: w.actingAs(o.post, t), callerHonest: honestProc(o.pre, caller),
      returnAddress: jumped ? o.pre.hw.memory.get(pre.regs[SP]) ?? 0 : pre.ip + 1,
      dcs: [...pre.dcs], c6: pre.capRegs[RET_CAP] ?? null, c7: pre.capRegs[STACK_CAP] ?? null, open: c,
      adversaryInside: !honestProc(o.pre, w.actingAs(o.post, t)),
    };
  };

  /** The honest caller of `r` (frame `frame` of its thread) is back where its call returns, with everything it owned. */
  const resumed = (o: Obs, r: ProgressCall, how: string, w: Witness, died: Set<number>, events: Set<string>): Broken | null => {
    // A call that only honest code ran inside: what went wrong is the honest processes' own doing.
    if (!r.callerHonest || died.has(r.caller) || !r.adversaryInside) return null;
    const { t } = r;
    const where = `t${t}'s call p${r.caller}->p${r.callee} ${showPolicy(r)} ${how}`;
    const kt = o.post.os.threads[t];
    const ctx = o.post.hw.threads[t];
    if (marks(t).has(r.caller) || selfHarmed.has(r.caller)) {
      events.add('progress: a process already reached outside its condition resumed');
      return null;
    }
    if (!condition(r, 'caller')) {
      events.add('progress: a call outside its condition closed');
      marks(t).add(r.caller);
      return null;
    }
    events.add('progress: honest caller checked at its resumption');
    if (how === 'unwound') events.add('progress: honest caller resumed after an unwind');
    if (kt.ended) return { expected: `${where}: honest p${r.caller} resumes at ${hex(r.returnAddress)} (its own process is alive)`, observed: 'the thread ended' };
    if (ctx.ip !== r.returnAddress || w.codeOwner(o.post, ctx.ip) !== r.caller)
      return { expected: `${where}: honest p${r.caller} resumes at ${hex(r.returnAddress)}, where its call returns`, observed: `ip ${hex(ctx.ip)} (code of ${String(w.codeOwner(o.post, ctx.ip))}): its stub or frame did not survive` };
    const same = ctx.dcs.length === r.dcs.length && r.dcs.every((id, i) => ctx.dcs[i] === id);
    if (!same) return { expected: `${where}: p${r.caller}'s DCS is what it was before its call, [${r.dcs.join(',')}]`, observed: `[${ctx.dcs.join(',')}]` };
    for (const id of r.dcs) {
      if (id !== null && live(o.pre, id) && !live(o.post, id)) return { expected: `${where}: p${r.caller}'s DCS entry ${id} still grants access`, observed: 'it was revoked' };
    }
    for (const [reg, id] of [[RET_CAP, r.c6], [STACK_CAP, r.c7]] as const) {
      if (id === null || !live(o.pre, id) && ctx.capRegs[reg] === id) continue;
      if (ctx.capRegs[reg] !== id || !live(o.post, id))
        return { expected: `${where}: p${r.caller}'s c${reg} is its capability ${id}, still valid`, observed: ctx.capRegs[reg] !== id ? `c${reg} holds ${String(ctx.capRegs[reg])}` : `${id} was revoked` };
    }
    return null;
  };

  /** Each thread's own process, as seen made: boot, thread_create (the creator's), spawn or fork (the new process's). */
  const homes = new Map<number, number>();
  return (o, calls: readonly CallEvent[], events, w) => {
    if (homes.size === 0) o.pre.os.threads.forEach((k, t) => homes.set(t, k.home));
    const died = diedNow(o, w);
    for (let t = o.pre.os.threads.length; t < o.post.os.threads.length; t++) {
      const made = o.post.os.processes.length > o.pre.os.processes.length ? o.post.os.processes.length - 1 : -1;
      const a = actorOf(o.op, o.pre);
      homes.set(t, made >= 0 ? made : a >= 0 ? w.actingAs(o.pre, a) : -1);
    }
    // The processes each thread's chain ran through before this step (its own calls, as recorded).
    const chains = new Map<number, Set<number>>();
    for (const [t, list] of stacks) chains.set(t, new Set(list.flatMap((x) => [x.caller, x.callee])));
    /** Every call above the innermost adversary on the thread is honest to honest, and that adversary's call into them met the callee condition. */
    const honestSince = (list: readonly ProgressCall[], s: DipcState): boolean => {
      for (let k = list.length - 1; k >= 0; k--) {
        const x = list[k];
        if (!honestProc(s, x.callee)) return false;
        if (!x.callerHonest) return ownEntry(x, 'callee');
      }
      return true;
    };
    const actor = actorOf(o.op, o.pre);
    // Faults of honest code: an op honest code ran (its stubs, its system calls, the proxy it called).
    if (actor >= 0 && o.op.op !== 'timeout') {
      const P = w.actingAs(o.pre, actor);
      const pre = o.pre.hw.threads[actor];
      const post = o.post.hw.threads[actor];
      if (P >= 0 && honestProc(o.pre, P) && pre !== undefined && post !== undefined && !o.pre.os.threads[actor].ended) {
        events.add('progress: honest code ran');
        const faulted = o.output.out === 'fault' || post.faults > pre.faults;
        if (o.op.op === 'syscall' && SELF_HARM.has(o.op.call.k) && o.output.out === 'value') selfHarmed.add(P);
        const list = stacks.get(actor) ?? [];
        if (faulted && marks(actor).has(P)) events.add('progress: an honest fault outside its condition');
        else if (faulted && selfHarmed.has(P)) events.add('progress: an honest fault after its own withdrawal of authority');
        // No adversary below it in the thread, or only one that entered the honest calls above
        // it under the condition (their own stack and DCS): what went wrong is the honest
        // processes' own doing (e.g. an honest self-call without argCopy whose nested call
        // overflowed its own DCS: the unwind clears c0-c5, DESIGN §11, and its stub_return faults).
        else if (faulted && honestSince(list, o.pre)) events.add('progress: an honest fault with no adversary in the chain');
        else if (faulted && o.output.out === 'fault' && o.output.fault.kind === 'dcsOverflow' && ownSince(list, o.pre, 'dcsConf')) events.add('progress: an honest DCS overflow of its own');
        // Each honest call returns one word further on: a stub at the last word of its code has no return point in it (the model's code is finite).
        else if (faulted && o.op.op === 'stub_call' && !sameCode(o.pre, pre.ip, pre.ip + 1)) events.add('progress: an honest call from the end of its code');
        else if (faulted && exhaustsStack(o, actor, P, w) && ownSince(list, o.pre, 'stackConf')) events.add('progress: an honest stack exhausted by its own nesting');
        else if (faulted) {
          const inc = list[list.length - 1];
          return {
            expected: `honest p${P}'s code on t${actor} does not fault${inc === undefined ? '' : ` (its frame entered from p${inc.caller} ${showPolicy(inc)})`}`,
            observed: o.output.out === 'fault' ? `${o.op.op} faulted: ${o.output.fault.kind}` : `t${actor} took ${post.faults - pre.faults} fault(s)`,
          };
        }
      }
    }
    for (const c of calls) {
      if (c.k === 'call') {
        const list = stacks.get(c.call.t) ?? [];
        const r = record(o, c.call, w);
        const m = marks(r.t);
        // An honest process an adversary entered outside the condition, or entered from an honest process already outside it.
        if (honestProc(o.pre, r.callee) && (r.callerHonest ? m.has(r.caller) : !condition(r, 'callee'))) {
          m.add(r.callee);
          events.add('progress: an honest frame entered outside its condition');
        }
        if (r.adversaryInside) for (const x of list) x.adversaryInside = true;
        list.push(r);
        stacks.set(c.call.t, list);
        continue;
      }
      const list = stacks.get(c.t) ?? [];
      const n = c.k === 'return' ? 1 : c.frames.length;
      const closed = list.splice(Math.max(0, list.length - n));
      if (closed.length === 0) continue;
      // Which call's caller resumes: the innermost for a return, crash or time-out; for a
      // kill, the oldest call into a process that died (§5.2.1: the oldest caller still alive).
      let i = closed.length - 1;
      if (c.k === 'unwind' && died.size > 0) {
        const k = closed.findIndex((x) => died.has(x.callee));
        if (k >= 0) i = k;
      }
      const b = resumed(o, closed[i], c.k === 'return' ? 'returned' : 'unwound', w, died, events);
      if (b !== null) return b;
    }
    // Ends: a thread in honest code ends only by its own process dying (or its own fault, above).
    for (let t = 0; t < o.pre.os.threads.length; t++) {
      const before = o.pre.os.threads[t];
      if (before.ended || !o.post.os.threads[t]?.ended || t === actor) continue;
      const P = w.actingAs(o.pre, t);
      if (P < 0 || !honestProc(o.pre, P) || died.has(P) || died.has(homes.get(t) ?? -1) || [...(chains.get(t) ?? [])].some((q) => died.has(q))) continue;
      if (marks(t).has(P) || selfHarmed.has(P)) continue;
      return { expected: `t${t}, running honest p${P}'s code, does not end`, observed: `it ended at ${o.op.op}` };
    }
    return null;
  };
};
