// TMO (DESIGN §6, paper §5.4): a time-out on a call that switched stacks resumes the caller
// with the time-out error, and the split-off callee never touches the caller again, neither
// its registers nor its stack (nor the caller the split thread's), and is deleted when the
// call it was split in ends (it returns into the splitting proxy, or is unwound past it);
// without a stack switch the time-out is refused and nothing changes.
//
// The expected values come from what this property saw (issue 12 §1), never from the KCS
// frame the transition wrote (`stackSwitched`, `caller`, `callee`, `split`) nor from `current`
// or the kernel's stack map: each call is recorded as it was made (witness/seen-call.ts,
// shared with P3 and UNW): whether the callee got a stack of its own (its sp after the call
// is not the one the caller reached the proxy with), the stack its c7 then covered, and the
// caller and callee by witnessed code ownership. The split thread is the thread that
// appeared at the time-out; a thread's stacks are the one its c7 covered when it was first
// seen (boot, creation, exec) and those it was given by the calls it is still inside. The
// KCS only says when calls opened and closed (the trigger).
import { ERR_REG, STACK_CAP } from '../../alphabet/config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import { resolveIndex } from '../../alphabet/resolve';
import { DIPC_LAYER } from '../../refinement/layer';
import { firstDipcDifference } from '../../refinement/dipc-diff';
import type { DipcState } from '../../spec/state/dipc';
import { actorOf, CallTracker } from '../security/call-tracker';
import { overlapsWords, type SeenCall, SeenCalls, seeCall, stackCapRegion, type StackWords, withinWords } from '../security/witness/seen-call';
import { Witness } from '../security/witness/witness';
import { checkStepsIn, type LayerObservation, stepSession } from '../observe';
import { withSession } from '../session';
import type { Broken, DipcProperty } from '../types';
import { dipcEvents } from './events';
import { succeeded } from '../rules';

type Obs = LayerObservation<DipcOp, DipcState>;
const ERR_TIMEOUT = 4;

const touchedRegisters = (o: Obs, u: number): boolean => {
  const a = o.pre.hw.threads[u];
  const b = o.post.hw.threads[u];
  return a.regs.some((v, i) => v !== b.regs[i]) || a.capRegs.some((v, i) => v !== b.capRegs[i]) || a.dcs.length !== b.dcs.length;
};

/** The first word of these regions the op changed, if any. */
const wroteInto = (o: Obs, regions: readonly StackWords[]): number | null => {
  for (const r of regions)
    for (let w = r.first; w < r.first + r.words; w++) if ((o.pre.hw.memory.get(w) ?? 0) !== (o.post.hw.memory.get(w) ?? 0)) return w;
  return null;
};

const makeCheck = () => {
  const w = new Witness();
  const tracker = new CallTracker(w);
  const calls = new SeenCalls();
  /** Thread -> the stack its c7 covered when the property first saw it (boot, creation) or after its exec. */
  const firstStack = new Map<number, StackWords>();
  /** Thread -> the process it was first seen in (boot, creation: the code it starts in; a split thread's callee). */
  const base = new Map<number, number>();
  /** Split-off thread -> the thread it was split from (the time-out's thread). */
  const splits = new Map<number, number>();
  let booted = false;

  const setFirstStack = (s: DipcState, t: number): void => {
    const r = stackCapRegion(s, t);
    if (r === null) firstStack.delete(t);
    else firstStack.set(t, r);
  };
  /** The stacks thread t may still use: its first one and those of the calls it is inside that gave it one. */
  const liveStacks = (t: number): StackWords[] => {
    const first = firstStack.get(t);
    return [...(first === undefined ? [] : [first]), ...calls.of(t).flatMap((c) => (c.calleeStack === null ? [] : [c.calleeStack]))];
  };

  /** Neither side of a split touches the other: their registers, and the stacks the other may still use. */
  const apart = (o: Obs, actor: number): Broken | null => {
    for (const [split, from] of splits) {
      if (from !== actor || o.post.os.threads[split]?.ended !== false) continue;
      if (touchedRegisters(o, split)) return { expected: `caller t${actor} never touches the thread t${split} split off from it`, observed: `${o.op.op} changed t${split}'s registers` };
      const a = wroteInto(o, liveStacks(split));
      if (a !== null) return { expected: `caller t${actor} never touches the stack of t${split}, split off from it`, observed: `${o.op.op} wrote 0x${a.toString(16)}` };
    }
    const caller = splits.get(actor);
    if (caller === undefined) return null;
    if (touchedRegisters(o, caller)) return { expected: `split thread t${actor} never touches t${caller}'s registers`, observed: `${o.op.op} changed them` };
    if (o.post.os.threads[caller].ended) return null;
    const a = wroteInto(o, liveStacks(caller));
    return a === null ? null : { expected: `split thread t${actor} never touches t${caller}'s stack`, observed: `${o.op.op} wrote 0x${a.toString(16)}` };
  };

  /** timeout(t) on the call `c`, the innermost one t was inside as seen made. */
  const timedOut = (o: Obs, t: number, c: SeenCall): Broken | null => {
    const { output, pre, post } = o;
    if (!c.switchedStack) {
      if (output.out !== 'error') return { expected: `a time-out of t${t}'s call into p${c.callee}, which did not switch stacks (sp ${c.entrySp} at the proxy and in the callee), is refused`, observed: `timeout returned ${output.out}` };
      const d = firstDipcDifference(pre, post);
      return d === null ? null : { expected: 'a refused time-out changes nothing', observed: d };
    }
    // A split needs a thread slot, and a callee with no earlier frame in the thread (that
    // frame's stack would be shared): the thread's processes as seen, from where it started.
    const chain = [base.get(t), ...calls.of(t).map((x) => x.callee)];
    const reentered = chain.slice(0, -1).includes(c.callee);
    const slot = pre.os.threads.length < Math.min(pre.os.maxThreads, pre.hw.threads.length);
    if (output.out !== 'ok') {
      if (reentered || !slot) return null;
      return { expected: `a time-out of t${t}'s call into p${c.callee}, which switched stacks (sp ${c.entrySp} at the proxy, ${c.calleeSp} in the callee) and entered p${c.callee} first, splits the thread`, observed: `timeout returned ${output.out}${output.out === 'error' ? ` ${output.error}` : ''}` };
    }
    const ctx = post.hw.threads[t];
    const as = w.actingAs(post, t);
    if (as !== c.caller || post.os.threads[t].current !== c.caller || ctx.regs[ERR_REG] !== ERR_TIMEOUT)
      return {
        expected: `t${t} resumes in p${c.caller}, whose code made the call, with the time-out error in r7`,
        observed: `at 0x${ctx.ip.toString(16)} as p${as}, current p${post.os.threads[t].current}, r7 = ${ctx.regs[ERR_REG]}`,
      };
    const t2 = pre.os.threads.length;
    if (post.os.threads[t2] === undefined || post.os.threads[t2].ended) return { expected: 'a time-out splits off a new thread in the callee', observed: 'no new thread' };
    const ip = post.hw.threads[t2].ip;
    if (ip !== pre.hw.threads[t].ip || w.actingAs(post, t2) !== c.callee)
      return { expected: `the split thread t${t2} carries on in p${c.callee} where t${t} was (0x${pre.hw.threads[t].ip.toString(16)})`, observed: `it is at 0x${ip.toString(16)}` };
    // The caller resumes on its own stack capability (§5.4: the split threads never share a
    // stack): c7 is no live capability into the stack the call gave the split callee, unless
    // it lies within the stack the caller held at its call.
    const id = ctx.capRegs[STACK_CAP];
    const cap = id === null || id === undefined ? undefined : post.hw.caps[id];
    const r = stackCapRegion(post, t);
    if (cap !== undefined && !cap.revoked && r !== null && c.calleeStack !== null && overlapsWords(r, c.calleeStack) && !(c.callerStack !== null && withinWords(r, c.callerStack)))
      return { expected: `t${t} resumes with its own stack capability, none into the split callee's stack`, observed: `c7 is cap ${id}, over [0x${r.first.toString(16)}, 0x${(r.first + r.words).toString(16)})` };
    splits.set(t2, t);
    calls.open({ ...c, t: t2 });
    return null;
  };

  return (o: Obs, events: Set<string>): Broken | null => {
    dipcEvents(o.op, o.pre, o.output, o.post, events);
    const { op, pre, output, post } = o;
    w.start(pre);
    if (!booted) {
      booted = true;
      pre.os.threads.forEach((_, t) => {
        setFirstStack(pre, t);
        base.set(t, w.actingAs(pre, t));
      });
    }
    const actor = actorOf(op, pre);
    const t = op.op === 'timeout' ? resolveIndex(op.t, pre.os.threads.length) : -1;
    const call = t >= 0 && pre.os.threads[t]?.ended === false ? calls.of(t).at(-1) : undefined;
    if (actor >= 0 && output.out !== 'skip') {
      const b = apart(o, actor);
      if (b !== null) return b;
    }
    const stepCalls = tracker.observe(op, pre, post, output);
    w.observe(op, pre, output, post);
    for (let u = pre.os.threads.length; u < post.os.threads.length; u++) {
      setFirstStack(post, u);
      base.set(u, w.actingAs(post, u));
    }
    if (op.op === 'syscall' && op.call.k === 'exec' && succeeded(output) && actor >= 0) setFirstStack(post, actor);
    for (const c of stepCalls) {
      if (c.k === 'call') {
        calls.open(seeCall(o, c.call, w));
        continue;
      }
      const inside = calls.of(c.t).length;
      calls.close(c.t, c.k === 'return' ? 1 : c.frames.length);
      // The call a split thread was split in ended (it returned into the splitting proxy, or was unwound past it): the thread is deleted.
      if (splits.has(c.t) && inside > 0 && calls.of(c.t).length === 0 && !post.os.threads[c.t].ended)
        return { expected: `split thread t${c.t} is deleted when it returns into the splitting proxy`, observed: `${op.op} ended its split call and it goes on` };
    }
    return call === undefined ? null : timedOut(o, t, call);
  };
};

export const TMO: DipcProperty = {
  id: 'TMO',
  layer: 'dipc',
  title: 'time-outs: the caller resumes with the error, the split callee never touches it and is deleted on return',
  check: withSession(
    (sc, f) => checkStepsIn(DIPC_LAYER, sc, f, makeCheck()),
    (runs) => stepSession(runs, makeCheck()),
  ),
};
