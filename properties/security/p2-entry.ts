// P2 entry points (DESIGN §6, paper §5.1): control enters another process only at a proxy's
// first instruction, and the callee starts at its registered entry with a valid stack for
// the thread and itself as the current process.
import { SP } from '../../alphabet/config';
import { stackOfFrame } from '../../spec/transitions/dipc/proxy';
import type { Broken } from '../types';
import { type Obs, securityProperty } from './harness';
import type { CallEvent } from './call-tracker';

const enteredAtEntry = (o: Obs, calls: readonly CallEvent[], events: Set<string>): Broken | null => {
  for (const c of calls) {
    if (c.k !== 'call') continue;
    const { t, frame } = c.call;
    const kt = o.post.os.threads[t];
    const ctx = o.post.hw.threads[t];
    const px = o.post.os.proxies[frame.proxy];
    const entry = o.post.os.entries[px.entry]?.entries[px.slot];
    const where = `t${t} called p${frame.callee} through proxy ${frame.proxy}`;
    events.add(c.call.callerHonest ? 'honest caller entered a callee' : 'adversarial caller entered a callee');
    if (kt.current !== frame.callee) return { expected: `${where}: p${frame.callee} is current`, observed: `p${kt.current} is` };
    if (entry !== undefined && ctx.ip !== entry.address) return { expected: `${where}: it starts at the entry 0x${entry.address.toString(16)}`, observed: `ip 0x${ctx.ip.toString(16)}` };
    const region = stackOfFrame(kt, kt.kcs.length);
    const sp = ctx.regs[SP];
    if (region === undefined || sp < region.first || sp >= region.first + region.words)
      return { expected: `${where}: sp lies in the thread's stack in use`, observed: `sp ${sp}${region === undefined ? ', no stack' : ` outside [${region.first}, ${region.first + region.words})`}` };
  }
  return null;
};

/** The current process of a live thread changes only by a call (KCS push) or a return or unwinding (KCS pop). */
const switchedOnlyThroughProxies = (o: Obs, _calls: readonly CallEvent[], events: Set<string>): Broken | null => {
  if (o.op.op === 'call' || o.op.op === 'jump' || o.op.op === 'ret') events.add('adversarial control transfer');
  for (const [t, kt] of o.post.os.threads.entries()) {
    const before = o.pre.os.threads[t];
    if (before === undefined || before.ended || kt.ended) continue;
    if (kt.current !== before.current && kt.kcs.length === before.kcs.length)
      return { expected: `t${t} enters p${kt.current} only through a proxy`, observed: `it moved from p${before.current} with no call or return` };
  }
  return null;
};

export const P2 = securityProperty({
  id: 'P2',
  title: "entry points: control enters another process only at a proxy's first instruction, the callee at its entry, with a valid stack, current",
  needs: 'nothing (every policy)',
  coverage: { 'honest caller entered a callee': 0.3, 'adversarial control transfer': 0.3 },
  makeCheck: () => (o, calls, events) => enteredAtEntry(o, calls, events) ?? switchedOnlyThroughProxies(o, calls, events),
});
