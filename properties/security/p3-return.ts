// P3 return (DESIGN §6, paper §5.1, §5.2.3): a cross-process call returns only to the point
// the caller's own call made, once, with sp, DCS and the current process restored, and the
// return capability its proxy gave the callee is spent. This holds for a normal return and
// for a call unwound by a crash, kill or time-out whose caller resumes with an error (DESIGN
// §5, "Faults and unwinding").
//
// The expected values come from what this property saw when the call was made (issue 12 §1),
// never from the proxy's KCS frame (`returnAddress`, `savedSp`, `savedDcs`, `returnCap`):
//  - the return point: ip + 1 for a `call` or an honest stub's call, the word the caller left
//    at [sp] for a `jump` into the proxy;
//  - sp: the caller's sp before the call (an honest stub's epilogue undoes its prologue; a
//    `jump` pops its return address);
//  - the DCS base as it was, and the whole DCS when the callee got its own (DCS confidentiality);
//  - the current process: the one whose code made the call;
//  - the return capability: the one the callee found in c6 just after entry.
// The KCS only says when a call opened or closed (the trigger).
// The integrity parts ("with register integrity the caller's live registers are unchanged;
// with stack integrity its frames are unchanged") are ARG-REG-INT and ARG-STACK-INT.
import { ERR_REG, SP } from '../../alphabet/config';
import { isRevoked } from '../../spec/state/capabilities';
import type { Broken } from '../types';
import { actorOf, type CallEvent } from './call-tracker';
import { type Obs, securityProperty } from './harness';
import { type SeenCall, SeenCalls, seeCall } from './witness/seen-call';
import type { Witness } from './witness/witness';

const makeCheck = () => {
  /** Per thread, the calls it is inside, outermost first (witness/seen-call.ts). */
  const stacks = new SeenCalls();
  /** Return capabilities of calls already over: each call returns once. */
  const over = new Set<number>();

  /** Thread t is back in the caller of `call`: everything as the caller left it. */
  const resumed = (o: Obs, call: SeenCall, how: string): Broken | null => {
    const { t } = call;
    const kt = o.post.os.threads[t];
    const ctx = o.post.hw.threads[t];
    const where = `t${t} ${how} from p${call.callee} to p${call.caller}`;
    if (kt.current !== call.caller) return { expected: `${where}: p${call.caller}, whose code made the call, is current`, observed: `p${kt.current}` };
    if (ctx.ip !== call.returnAddress) return { expected: `${where}: it resumes at 0x${call.returnAddress.toString(16)}, where its call returns`, observed: `ip 0x${ctx.ip.toString(16)}` };
    if (ctx.regs[SP] !== call.resumeSp) return { expected: `${where}: sp back to ${call.resumeSp}`, observed: `sp ${ctx.regs[SP]}` };
    if (how === 'unwound' && ctx.regs[ERR_REG] === 0) return { expected: `${where}: the error is visible in r${ERR_REG}`, observed: 'r7 is 0' };
    if (ctx.dcsBase !== Math.min(call.dcsBase, ctx.dcs.length)) return { expected: `${where}: its DCS base back to ${call.dcsBase}`, observed: `${ctx.dcsBase}` };
    if (call.dcs !== null && (ctx.dcs.length !== call.dcs.length || call.dcs.some((id, i) => ctx.dcs[i] !== id)))
      return { expected: `${where}: its own DCS back, [${call.dcs.join(',')}]`, observed: `[${ctx.dcs.join(',')}]` };
    return null;
  };

  /** The call is over: once, and its return capability no longer grants anything (unless its thread is gone). */
  const spent = (o: Obs, call: SeenCall): Broken | null => {
    const where = `t${call.t}'s call p${call.caller}->p${call.callee}`;
    if (call.retCap === null) return null;
    if (over.has(call.retCap)) return { expected: `${where}: a call returns once`, observed: 'it returned again' };
    over.add(call.retCap);
    if (o.post.os.threads[call.t].ended) return null;
    if (call.retCap < o.post.hw.caps.length && !isRevoked(o.post.hw.caps, call.retCap))
      return { expected: `${where}: the return capability ${call.retCap} the callee got is revoked when the call is over`, observed: 'it still grants access' };
    return null;
  };

  return (o: Obs, calls: readonly CallEvent[], events: Set<string>, w: Witness): Broken | null => {
    if (o.op.op === 'ret' || o.op.op === 'jump' || o.op.op === 'call') {
      const t = actorOf(o.op, o.pre);
      if (t >= 0 && o.pre.os.threads[t].kcs.length > 0 && !o.pre.os.processes[o.pre.os.threads[t].current].honest) events.add('adversarial transfer inside a call');
    }
    for (const c of calls) {
      if (c.k === 'call') {
        stacks.open(seeCall(o, c.call, w));
        continue;
      }
      const closed = stacks.close(c.t, c.k === 'return' ? 1 : c.frames.length);
      if (c.k === 'return') {
        const call = closed[0];
        if (call === undefined) continue;
        events.add(call.viaStub ? 'honest call returned' : 'call returned');
        const b = spent(o, call) ?? resumed(o, call, 'returned');
        if (b !== null) return b;
        continue;
      }
      // Unwound: the oldest call closed resumes its caller, unless the thread ended.
      for (const call of closed) {
        const b = spent(o, call);
        if (b !== null) return b;
      }
      const oldest = closed[0];
      if (oldest === undefined || o.post.os.threads[c.t].ended) continue;
      events.add('unwound call resumed its caller');
      const b = resumed(o, oldest, 'unwound');
      if (b !== null) return b;
    }
    return null;
  };
};

export const P3 = securityProperty({
  id: 'P3',
  title: 'return: a call returns (or is unwound) only to the point its caller\'s call made, once, with sp, DCS and current process restored and its return capability revoked',
  needs: 'nothing (every policy)',
  coverage: { 'honest call returned': 0.2, 'adversarial transfer inside a call': 0.1, 'unwound call resumed its caller': 0.2 },
  makeCheck,
});
