// P1 explicit grant (DESIGN §6, paper §5.1): an access by code of process A to memory of
// another process B succeeds only if an explicit act of B justifies it, and only while that
// act is in force. Every successful load, store, capability load/store and control transfer
// is judged, from the witness's own history (witness/witness.ts), never from the spec's
// ghost ledger, `grant.live`, tag creators or `current`:
//  - whose memory a word is: the process its block was handed to (boot, spawn, exec), or
//    the one a dom_remap made with the owner's own owner handle moved it to; a page moved
//    without that consent stays its owner's;
//  - who accesses: the owner of the code the thread runs (proxies and the kernel are P2's);
//  - the justification: a capability whose root B made, or made by someone through a grant
//    carrying B's consent, still unrevoked; or a live grant from the accessor's domain to the
//    page's domain carrying B's consent (the exact handle B gave, with at least the rank the
//    access needs: the grant's permission comes from that handle's, §5.2.2), or the boot APL;
//    or B itself mapped the page into a domain another process made (dom_mmap or dom_remap
//    through a handle it was given) and the page is still there (found at s26: an honest
//    process that maps memory into the adversary's domain has given it away).
// It also judges the acts themselves (authorityKept): a grant_create without owner rights on
// its source, a handle that arrives other than the one sent, a dom_copy that upgrades, a
// dom_remap of another's pages, an entry published outside the registrant's code, an APL
// entry no live grant explains, a block of a live process handed to another.
import type { AddrSel } from '../../alphabet/address';
import { SP } from '../../alphabet/config';
import { pageIndexOf } from '../../spec/state/pages';
import { resolveAddress } from '../../spec/transitions/addresses';
import type { Broken } from '../types';
import { actorOf } from './call-tracker';
import { type Obs, securityProperty } from './harness';
import type { Witness } from './witness/witness';

/** The word an op touches (data or control target) and the APL rank it needs, if it is an access op. */
const targetOf = (o: Obs, t: number): { a: number; need: number; data: boolean } | null => {
  const op = o.op;
  const ctx = o.pre.hw.threads[t];
  if (op.op === 'ret') return { a: o.pre.hw.memory.get(ctx.regs[SP]) ?? 0, need: 1, data: false };
  if (op.op === 'call' || op.op === 'jump') return { a: resolveAddress(o.pre.hw, ctx, (op as { a: AddrSel }).a), need: 1, data: false };
  if (op.op === 'load' || op.op === 'cap_load') return { a: resolveAddress(o.pre.hw, ctx, (op as { a: AddrSel }).a), need: 2, data: true };
  if (op.op === 'store' || op.op === 'cap_store') return { a: resolveAddress(o.pre.hw, ctx, (op as { a: AddrSel }).a), need: 3, data: true };
  return null;
};

const accessJustified = (o: Obs, w: Witness, events: Set<string>): Broken | null => {
  if (o.output.out !== 'ok' && o.output.out !== 'value') return null;
  const t = actorOf(o.op, o.pre);
  if (t < 0) return null;
  const x = targetOf(o, t);
  if (x === null) return null;
  const s = o.pre;
  const table = { wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages };
  const pg = pageIndexOf(table, x.a);
  const at = pageIndexOf(table, s.hw.threads[t].ip);
  if (pg === null || at === null) return null;
  const A = w.own.pageOwner(at);
  if (typeof A !== 'number') return null;
  const B = w.own.pageOwner(pg);
  if (B === 'kernel' || B === A) return null;
  const what = `${o.op.op} by t${t} running p${A}'s code at 0x${x.a.toString(16)}`;
  if (B === null || !w.own.alive.has(B))
    return { expected: `${what}: memory nobody live owns (a released block, a dead process's pages) is unreachable`, observed: `it succeeded on page ${pg}${B === null ? '' : ` of dead p${B}`}` };
  events.add('cross-process access');
  if (x.data && w.capJustifies(s, t, x.a, B)) {
    events.add('cross-process access by a capability');
    return null;
  }
  const from = s.hw.pages[at].tag;
  const to = s.hw.pages[pg].tag;
  if (w.auth.grantRank(from, to, B) >= x.need || (w.auth.boot.get(from * s.hw.numDomains + to) ?? 0) >= x.need) {
    events.add('cross-process access by a grant');
    return null;
  }
  // B itself mapped (or remapped) this page into a domain another process made, with a
  // handle to it (Table 2 dom_mmap/dom_remap): its own act gives that domain's holders the
  // page while it stays there.
  if (w.own.placedInForeignDomain(pg, to, B)) {
    events.add('cross-process access to memory its owner put in a foreign domain');
    return null;
  }
  return {
    expected: `${what}, memory of p${B} (page ${pg}, d${to}), is justified by an act of p${B} still in force`,
    observed: `no capability carrying p${B}'s consent covers it and no live grant d${from}->d${to} made from a handle p${B} gave allows ${['', 'call', 'read', 'write'][x.need]}`,
  };
};

const authorityKept = (o: Obs, w: Witness): Broken | null => {
  if (w.wrongs.length > 0) return { expected: `${o.op.op}: authority moves only by the owner's explicit acts`, observed: w.wrongs[0] };
  const apl = w.aplWrongs(o.post);
  return apl === null ? null : { expected: 'every APL entry towards a process\'s domain comes from a live grant it consented to', observed: apl };
};

export const P1 = securityProperty({
  id: 'P1',
  title: 'explicit grant: every cross-process access is justified by an act of the owner still in force (witnessed, not the ghost ledger)',
  needs: 'nothing (every policy)',
  coverage: { 'cross-process access': 0.02 },
  makeCheck: () => (o, _calls, events, w) => authorityKept(o, w) ?? accessJustified(o, w, events),
});
