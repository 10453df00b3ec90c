// P3 return (DESIGN §6, paper §5.1, §5.2.3): a cross-process call returns only to its saved
// return point, once, with sp, DCS and the current process restored. The integrity parts
// ("with register integrity the caller's live registers are unchanged; with stack integrity
// its frames are unchanged") are the ARG-REG-INT and ARG-STACK-INT properties (arguments.ts),
// which state what they need from the policy.
import { SP } from '../../alphabet/config';
import type { Broken } from '../types';
import { actorOf, type CallEvent } from './call-tracker';
import { type Obs, securityProperty } from './harness';

const makeCheck = () => {
  /** Return capabilities of the calls already returned from: each call returns once. */
  const returned = new Set<number>();
  return (o: Obs, calls: readonly CallEvent[], events: Set<string>): Broken | null => {
    if (o.op.op === 'ret' || o.op.op === 'jump' || o.op.op === 'call') {
      const t = actorOf(o.op, o.pre);
      if (t >= 0 && o.pre.os.threads[t].kcs.length > 0 && !o.pre.os.processes[o.pre.os.threads[t].current].honest) events.add('adversarial transfer inside a call');
    }
    for (const c of calls) {
      if (c.k !== 'return') continue;
      const { t, frame, call } = c;
      const kt = o.post.os.threads[t];
      const ctx = o.post.hw.threads[t];
      const where = `t${t} returned from p${frame.callee} to p${frame.caller}`;
      events.add(call?.viaStub ? 'honest call returned' : 'call returned');
      if (returned.has(frame.returnCap)) return { expected: `${where}: a call returns once`, observed: 'it returned again' };
      returned.add(frame.returnCap);
      if (kt.current !== frame.caller) return { expected: `${where}: p${frame.caller} is current`, observed: `p${kt.current}` };
      if (ctx.ip !== frame.returnAddress) return { expected: `${where}: it resumes at 0x${frame.returnAddress.toString(16)}`, observed: `ip 0x${ctx.ip.toString(16)}` };
      // An honest caller's stub epilogue undoes its prologue: sp and the DCS are as before the call.
      const sp = call?.viaStub ? call.before.regs[SP] : frame.savedSp + 1;
      if (ctx.regs[SP] !== sp) return { expected: `${where}: sp restored to ${sp}`, observed: `sp ${ctx.regs[SP]}` };
      // The DCS base always; the DCS itself when the callee had its own (DCS confidentiality).
      const base = call?.viaStub ? call.before.dcsBase : Math.min(frame.savedDcsBase, ctx.dcs.length);
      if (ctx.dcsBase !== base) return { expected: `${where}: its DCS base restored to ${base}`, observed: `${ctx.dcsBase}` };
      const dcs = frame.savedDcs === null ? null : call?.viaStub ? call.before.dcs : frame.savedDcs;
      if (dcs !== null && (ctx.dcs.length !== dcs.length || dcs.some((id, i) => ctx.dcs[i] !== id)))
        return { expected: `${where}: its DCS restored to [${dcs.join(',')}]`, observed: `[${ctx.dcs.join(',')}]` };
    }
    return null;
  };
};

export const P3 = securityProperty({
  id: 'P3',
  title: 'return: a call returns only to its saved return point, once, with sp, DCS and current process restored',
  needs: 'nothing (every policy)',
  coverage: { 'honest call returned': 0.2, 'adversarial transfer inside a call': 0.1 },
  makeCheck,
});
