// P3 return (DESIGN §6, paper §5.1, §5.2.3): a cross-process call returns only to its saved
// return point, once, with sp, DCS and the current process restored, and the return
// capability its proxy gave the callee is spent. This holds for a normal return and for a
// call unwound by a crash, kill or time-out whose caller resumes with an error (DESIGN §5,
// "Faults and unwinding": "sp/DCS/current process restored as saved at that call"). The
// integrity parts ("with register integrity the caller's live registers are unchanged; with
// stack integrity its frames are unchanged") are the ARG-REG-INT and ARG-STACK-INT
// properties (arguments.ts), which state what they need from the policy.
import { SP } from '../../alphabet/config';
import type { KcsFrame } from '../../spec/state/kcs';
import { isRevoked } from '../../spec/state/capabilities';
import type { Broken } from '../types';
import { actorOf, type CallEvent, type OpenCall } from './call-tracker';
import { type Obs, securityProperty } from './harness';

/**
 * Thread t is back in the caller of `frame` (returned from or unwound), `call` the tracked
 * call when known: the caller is current, at the saved return address, with its sp and DCS
 * as they were (an honest caller's stub epilogue undoes its prologue).
 */
const resumedCorrectly = (o: Obs, t: number, frame: KcsFrame, call: OpenCall | undefined, how: string): Broken | null => {
  const kt = o.post.os.threads[t];
  const ctx = o.post.hw.threads[t];
  const where = `t${t} ${how} from p${frame.callee} to p${frame.caller}`;
  if (kt.current !== frame.caller) return { expected: `${where}: p${frame.caller} is current`, observed: `p${kt.current}` };
  if (ctx.ip !== frame.returnAddress) return { expected: `${where}: it resumes at 0x${frame.returnAddress.toString(16)}`, observed: `ip 0x${ctx.ip.toString(16)}` };
  const sp = call?.viaStub ? call.before.regs[SP] : frame.savedSp + 1;
  if (ctx.regs[SP] !== sp) return { expected: `${where}: sp restored to ${sp}`, observed: `sp ${ctx.regs[SP]}` };
  // The DCS base always; the DCS itself when the callee had its own (DCS confidentiality).
  const base = call?.viaStub ? call.before.dcsBase : Math.min(frame.savedDcsBase, ctx.dcs.length);
  if (ctx.dcsBase !== base) return { expected: `${where}: its DCS base restored to ${base}`, observed: `${ctx.dcsBase}` };
  const dcs = frame.savedDcs === null ? null : call?.viaStub ? call.before.dcs : frame.savedDcs;
  if (dcs !== null && (ctx.dcs.length !== dcs.length || dcs.some((id, i) => ctx.dcs[i] !== id)))
    return { expected: `${where}: its DCS restored to [${dcs.join(',')}]`, observed: `[${ctx.dcs.join(',')}]` };
  return null;
};

const makeCheck = () => {
  /** Return capabilities of the calls already returned from or unwound: each call returns once. */
  const returned = new Set<number>();
  /** Every call seen opening, by its return capability (unwinding reports only frames). */
  const opened = new Map<number, OpenCall>();
  /** Each frame leaves once, and its return capability no longer reaches the return path. */
  const spent = (o: Obs, t: number, frame: KcsFrame): Broken | null => {
    const where = `t${t}'s call p${frame.caller}->p${frame.callee}`;
    if (returned.has(frame.returnCap)) return { expected: `${where}: a call returns once`, observed: 'it returned again' };
    returned.add(frame.returnCap);
    opened.delete(frame.returnCap);
    if (frame.returnCap < o.post.hw.caps.length && !isRevoked(o.post.hw.caps, frame.returnCap))
      return { expected: `${where}: its return capability ${frame.returnCap} is revoked when the call is over`, observed: 'it still grants access' };
    return null;
  };
  return (o: Obs, calls: readonly CallEvent[], events: Set<string>): Broken | null => {
    if (o.op.op === 'ret' || o.op.op === 'jump' || o.op.op === 'call') {
      const t = actorOf(o.op, o.pre);
      if (t >= 0 && o.pre.os.threads[t].kcs.length > 0 && !o.pre.os.processes[o.pre.os.threads[t].current].honest) events.add('adversarial transfer inside a call');
    }
    for (const c of calls) {
      if (c.k === 'call') {
        opened.set(c.call.frame.returnCap, c.call);
        continue;
      }
      if (c.k === 'return') {
        events.add(c.call?.viaStub ? 'honest call returned' : 'call returned');
        const b = spent(o, c.t, c.frame) ?? resumedCorrectly(o, c.t, c.frame, c.call, 'returned');
        if (b !== null) return b;
        continue;
      }
      // Unwound: the frames are popped (oldest first); the caller of the oldest resumes, unless the thread ended.
      const oldest = c.frames[0];
      if (oldest === undefined) continue;
      const call = opened.get(oldest.returnCap);
      for (const f of c.frames) {
        const b = spent(o, c.t, f);
        if (b !== null) return b;
      }
      if (o.post.os.threads[c.t].ended) continue;
      events.add('unwound call resumed its caller');
      const b = resumedCorrectly(o, c.t, oldest, call, 'unwound');
      if (b !== null) return b;
    }
    return null;
  };
};

export const P3 = securityProperty({
  id: 'P3',
  title: 'return: a call returns (or is unwound) only to its saved return point, once, with sp, DCS and current process restored and its return capability revoked',
  needs: 'nothing (every policy)',
  coverage: { 'honest call returned': 0.2, 'adversarial transfer inside a call': 0.1, 'unwound call resumed its caller': 0.2 },
  makeCheck,
});
