// P1 explicit grant (DESIGN §6, paper §5.1): an access by code running as process A to
// memory of another live process B succeeds only if an explicit act of B justifies it:
//  - a capability the thread holds covers the word (capabilities reach a thread only by
//    explicit acts: created by their domain's owner, derived, passed on the DCS or by the
//    kernel for the thread's own stack); or
//  - the APL entry used comes from a live grant made by B itself, or by a process that a
//    chain of handle sends in the ghost ledger links to B (B sent a handle, perhaps through
//    others). The chain is not matched to the exact handle: a grant nobody sent anything
//    for is what this catches.
// Memory of B means pages of a domain B created (default, created, and its stack domain);
// proxies and the kernel's pages are reached only through proxies.
import type { AddrSel } from '../../alphabet/address';
import { SP } from '../../alphabet/config';
import type { DipcState } from '../../spec/state/dipc';
import { pageOf } from '../../spec/state/pages';
import { currentDomain } from '../../spec/transitions/access';
import { resolveAddress } from '../../spec/transitions/addresses';
import type { Broken } from '../types';
import { actorOf } from './call-tracker';
import { type Obs, securityProperty } from './harness';
import * as E from 'fp-ts/lib/Either.js';

/** Processes a chain of handle sends starting at `from` reaches (from included). */
const reachedBySends = (s: DipcState, from: number): Set<number> => {
  const seen = new Set([from]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of s.os.ledger) if (r.act === 'send' && seen.has(r.from) && !seen.has(r.to)) {
      seen.add(r.to);
      grew = true;
    }
  }
  return seen;
};

/** The word an op touches (data or control target), if it is an access op. */
const targetOf = (o: Obs, t: number): number | null => {
  const op = o.op;
  const ctx = o.pre.hw.threads[t];
  if (op.op === 'ret') return o.pre.hw.memory.get(ctx.regs[SP]) ?? 0;
  if (op.op === 'load' || op.op === 'store' || op.op === 'call' || op.op === 'jump' || op.op === 'cap_load' || op.op === 'cap_store')
    return resolveAddress(o.pre.hw, ctx, (op as { a: AddrSel }).a);
  return null;
};

const justified = (o: Obs, events: Set<string>): Broken | null => {
  if (o.output.out !== 'ok') return null;
  const t = actorOf(o.op, o.pre);
  if (t < 0) return null;
  const a = targetOf(o, t);
  if (a === null) return null;
  const s = o.pre;
  const A = s.os.threads[t].current;
  const pg = pageOf({ wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages }, a);
  if (pg === null) return null;
  const dom = s.os.domains.get(pg.tag);
  if (dom === undefined || dom.kind === 'proxy' || dom.kind === 'kernel' || dom.creator === null) return null;
  const B = dom.creator;
  if (B === A || !s.os.processes[B]?.alive) return null;
  events.add('cross-process access');
  const ctx = s.hw.threads[t];
  const byCap = ctx.capRegs.some((id) => {
    const c = id === null ? undefined : s.hw.caps[id];
    return c !== undefined && !c.revoked && c.base <= a && a < c.base + c.length;
  });
  if (byCap) return null;
  const from = currentDomain(s.hw, ctx);
  const consented = reachedBySends(s, B);
  const byGrant = E.isRight(from) && s.os.grants.some((g) => g.live && g.src === from.right && g.dst === pg.tag && consented.has(g.by));
  if (byGrant) {
    events.add('cross-process access by a grant');
    return null;
  }
  return {
    expected: `${o.op.op} by t${t} (p${A}) at 0x${a.toString(16)}, in d${pg.tag} of p${B}, is justified by a capability or by a grant B consented to`,
    observed: `no capability covers it and no live grant d${E.isRight(from) ? from.right : '?'}->d${pg.tag} was made by a process B's handle sends reach`,
  };
};

export const P1 = securityProperty({
  id: 'P1',
  title: 'explicit grant: every cross-process access is justified by a capability or a grant the owner consented to (ghost ledger)',
  needs: 'nothing (every policy)',
  coverage: { 'cross-process access': 0.02 },
  makeCheck: () => (o, _calls, events) => justified(o, events),
});
