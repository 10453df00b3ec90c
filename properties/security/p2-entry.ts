// P2 entry points (DESIGN §6, paper §5.1): control enters another process only at a proxy's
// first instruction, and the callee starts at its registered entry with a valid stack for
// the thread and itself as the current process.
import { SP } from '../../alphabet/config';
import { pageIndexOf } from '../../spec/state/pages';
import type { Broken } from '../types';
import { type Obs, securityProperty } from './harness';
import type { Witness } from './witness/witness';
import type { CallEvent } from './call-tracker';

/**
 * A call opened (the KCS grew: only the trigger): where the callee starts is judged from the
 * witness, not from the proxy's frame or the entry table: the landing address must be an
 * entry its owner registered in its own code (and not torn down by a kill or an exec since),
 * the state must name that owner current, and sp must lie in a stack page of the caller's
 * (no switch) or of the callee (switched), as the witness knows page ownership.
 */
const enteredAtEntry = (o: Obs, calls: readonly CallEvent[], events: Set<string>, w: Witness): Broken | null => {
  for (const c of calls) {
    if (c.k !== 'call') continue;
    const { t } = c.call;
    const kt = o.post.os.threads[t];
    const ctx = o.post.hw.threads[t];
    if (kt.ended) continue;
    const caller = w.actingAs(o.pre, t);
    const ip = ctx.ip;
    const owner = w.codeOwner(o.post, ip);
    const where = `t${t} (in p${caller}) called into 0x${ip.toString(16)}`;
    events.add(c.call.callerHonest ? 'honest caller entered a callee' : 'adversarial caller entered a callee');
    if (typeof owner !== 'number' || !w.own.alive.has(owner)) return { expected: `${where}: the callee starts in the code of a live process`, observed: owner === null ? 'that address belongs to nobody (a released block)' : `it belongs to ${owner === 'kernel' ? 'the kernel' : `dead p${owner}`}` };
    // The entry's registrant is the callee: the code's owner, or a process it gave owner rights on the domain (Table 2).
    const registrants = w.registrantsAt(ip, owner);
    if (registrants.length === 0) return { expected: `${where}: it lands at an entry registered in p${owner}'s code by p${owner} (or by a process it gave owner rights)`, observed: `no such entry (still standing) is there` };
    if (!registrants.includes(kt.current)) return { expected: `${where}: the entry's registrant (p${registrants.join(' or p')}) is current`, observed: `p${kt.current} is` };
    const sp = ctx.regs[SP];
    const spPage = pageIndexOf({ wordsPerPage: o.post.hw.wordsPerPage, pages: o.post.hw.pages }, sp);
    const spOwner = spPage === null ? null : w.own.pageOwner(spPage);
    // Not switched, the callee runs on the stack the thread was on (perhaps an outer caller's).
    // (An empty stack's sp is one past its top word, so the word below sp is on it too.)
    const preSp = o.pre.hw.threads[t].regs[SP];
    const wasOn = [preSp, preSp - 1].map((a) => {
      const p = pageIndexOf({ wordsPerPage: o.pre.hw.wordsPerPage, pages: o.pre.hw.pages }, a);
      return p === null ? null : w.own.pageOwner(p);
    });
    if (spPage === null || (spOwner !== owner && !wasOn.includes(spOwner)) || !o.post.hw.pages[spPage].write || !w.own.stackTags.has(o.post.hw.pages[spPage].tag))
      return { expected: `${where}: sp lies in a stack page (a stack domain's) of p${owner} or of the stack it was on`, observed: `sp ${sp}${spPage === null ? ' is unmapped' : ` is on page ${spPage} of ${spOwner === null ? 'nobody' : `p${spOwner}`}`}` };
  }
  return null;
};

/**
 * A live thread moves into another process's code only through a proxy: the witnessed owner
 * of the code it runs changes only when a call opens or closes on it (or it is resumed by an
 * unwinding or a time-out), never by a plain control transfer.
 */
const switchedOnlyThroughProxies = (o: Obs, calls: readonly CallEvent[], events: Set<string>, w: Witness): Broken | null => {
  if (o.op.op === 'call' || o.op.op === 'jump' || o.op.op === 'ret') events.add('adversarial control transfer');
  for (const [t, kt] of o.post.os.threads.entries()) {
    const before = o.pre.os.threads[t];
    if (before === undefined || before.ended || kt.ended) continue;
    const was = w.codeOwner(o.pre, o.pre.hw.threads[t].ip);
    const is = w.codeOwner(o.post, o.post.hw.threads[t].ip);
    if (typeof was !== 'number' || typeof is !== 'number' || was === is) continue;
    if (calls.some((c) => (c.k === 'call' ? c.call.t : c.t) === t)) continue;
    if (o.op.op === 'syscall' && o.op.call.k === 'exec') continue;
    return { expected: `t${t} enters p${is}'s code only through a proxy`, observed: `it moved from p${was}'s code at 0x${o.pre.hw.threads[t].ip.toString(16)} to 0x${o.post.hw.threads[t].ip.toString(16)} with no call or return` };
  }
  return null;
};

export const P2 = securityProperty({
  id: 'P2',
  title: "entry points: control enters another process only at a proxy's first instruction, the callee at its entry, with a valid stack, current",
  needs: 'nothing (every policy)',
  coverage: { 'honest caller entered a callee': 0.3, 'adversarial control transfer': 0.3 },
  makeCheck: () => (o, calls, events, w) => enteredAtEntry(o, calls, events, w) ?? switchedOnlyThroughProxies(o, calls, events, w),
});
