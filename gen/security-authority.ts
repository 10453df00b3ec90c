// Authority attacks for the security suites (issue 13, the design survivors of issue 12 §3):
// a process gets hold of a domain it does not own and does with it what only its owner may
// (Table 2, §5.2.2, §5.2.3), then uses what it made:
//  - remap: the victim's owner sends it a lowered copy of its default domain handle
//    (dom_copy, handle_send: an explicit act, but not owner rights); the attacker makes its
//    own default domain handle and dom_remap's a page of the victim's into it (Table 2:
//    "iff src.perm == owner and dst.perm == owner"), then touches the page (P1);
//  - registerSent: with such a non-owner handle the attacker entry_register's an address of
//    the victim's code (Table 2 entry_register "iff h.perm == owner"; §5.2.3);
//  - registerOutside: the attacker registers, under its own default domain, an address of
//    the victim's code (or data): an entry outside the domain's code (§5.2.3);
//  then the attacker requests the entry, grants its default domain the proxy domain and
//  calls the proxy's first instruction (an adversary may call a proxy it holds, §5.2.3):
//  control lands in the victim's code at no entry the victim registered (P2).
// The addresses of the victim's pages and of the new proxy depend on the state the attack
// meets (earlier ops spawn, kill, request entries), so the chunk is aimed by execution: the
// steering impl machine runs the trace so far and each op of the attack is chosen in the
// state the ops before it left (as the guided strategy does). What comes out is plain ops
// with absolute addresses: it replays and shrinks without the generator.
import fc from 'fast-check';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp, HandlePerm } from '../alphabet/dipc-ops';
import type { IsolationProp, Signature } from '../alphabet/policy';
import type { DipcImplMachine } from '../impl/dipc/machine';
import { policyArb, signatureArb } from './dipc-ops';

export interface AuthorityAttack {
  readonly k: 'authority';
  /** 'upgrade' (the swarm strategy only): remap, after the attacker dom_copy's the lowered copy asking owner. */
  readonly act: 'remap' | 'registerSent' | 'registerOutside' | 'upgrade';
  /** Picks the victim and attacker among the processes that can act. */
  readonly pick: number;
  /** The permission of the copy the victim sends (never owner: that would be consent). */
  readonly perm: HandlePerm;
  /** Which of the victim's pages (its code first), and the word offset in it. */
  readonly page: number;
  readonly word: number;
  readonly n: number;
  readonly sig: Signature;
  readonly policy: readonly IsolationProp[];
  readonly callerPolicy: readonly IsolationProp[];
  /** Follow the registration through to a call of the proxy (and the remap to a touch). */
  readonly use: boolean;
}

export const authorityAttackPattern: fc.Arbitrary<AuthorityAttack> = fc.record({
  k: fc.constant('authority' as const),
  act: fc.constantFrom('remap' as const, 'registerSent' as const, 'registerOutside' as const),
  pick: fc.nat(),
  perm: fc.constantFrom('call' as const, 'read' as const, 'write' as const),
  page: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
  // Mostly off the entry-aligned slots the boot exports use, so a call lands at no entry.
  word: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 15 }) }, { weight: 1, arbitrary: fc.constant(0) }),
  n: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  sig: signatureArb,
  policy: policyArb,
  callerPolicy: policyArb,
  use: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

/**
 * The remap attack with the attacker first copying the lowered handle asking owner (Table 2:
 * dom_copy only downgrades, perm <= h.perm), so that the remap has an owner handle if the
 * copy upgraded it. Not among authorityAttackPattern's acts, which the default strategy draws.
 */
export const upgradeAttackPattern: fc.Arbitrary<AuthorityAttack> = authorityAttackPattern.map((w) => ({ ...w, act: 'upgrade' as const }));

/** A thread that runs its own process's code at no call depth (its syscalls act for it), per process. */
const actors = (m: DipcImplMachine): Map<number, number> => {
  const out = new Map<number, number>();
  const kt = m.kthreads;
  for (let t = 0; t < kt.count; t++) {
    const p = kt.current[t];
    const proc = m.processes.list[p];
    if (kt.ended[t] !== 0 || kt.kcs[t].length > 0 || proc === undefined || !proc.alive || !proc.dipc || proc.block < 0) continue;
    if (!out.has(p)) out.set(p, t);
  }
  return out;
};

/**
 * The attack's ops, each chosen in the state the ones before it left on `m` (which has run
 * the trace so far; each op returned is stepped on it). Empty when no two processes can act.
 */
export const wireAuthorityAttack = (m: DipcImplMachine, cfg: DipcConfig, w: AuthorityAttack, step: (op: DipcOp) => void): void => {
  const who = actors(m);
  const pids = [...who.keys()];
  if (pids.length < 2) return;
  // The attacker: an adversarial process when there is one (only its raw instructions run).
  const adv = pids.filter((p) => !m.processes.list[p].honest);
  const A = adv.length > 0 ? adv[w.pick % adv.length] : pids[w.pick % pids.length];
  const others = pids.filter((p) => p !== A);
  const V = others[Math.floor(w.pick / 7) % others.length];
  const ta = who.get(A)!;
  const tv = who.get(V)!;
  const victim = m.processes.list[V];
  const pc = cfg.processes[V];
  const pages = pc === undefined ? 1 : pc.codePages + (w.act === 'registerSent' ? 0 : pc.dataPages);
  const first = m.space.firstPageOf(victim.block);
  const addr = (first + (w.page % Math.max(1, pages))) * cfg.wordsPerPage + (w.word % cfg.wordsPerPage);
  const sys = (t: number, call: Extract<DipcOp, { op: 'syscall' }>['call']) => step({ op: 'syscall', t, call });
  if (w.act !== 'registerOutside') {
    sys(tv, { k: 'dom_default' });
    sys(tv, { k: 'dom_copy', h: -1, perm: w.perm });
    sys(tv, { k: 'handle_send', h: -1, pid: A });
  }
  if (w.act === 'upgrade') sys(ta, { k: 'dom_copy', h: -1, perm: 'owner' });
  if (w.act === 'remap' || w.act === 'upgrade') {
    sys(ta, { k: 'dom_default' });
    sys(ta, { k: 'dom_remap', dst: -1, src: -2, a: { k: 'abs', a: addr }, n: w.n });
    if (w.use) step({ op: 'store', t: ta, r: 1, a: { k: 'abs', a: addr } });
    return;
  }
  if (w.act === 'registerOutside') sys(ta, { k: 'dom_default' });
  sys(ta, { k: 'entry_register', h: -1, entries: [{ a: { k: 'abs', a: addr }, sig: w.sig, policy: [...w.policy] }] });
  if (!w.use) return;
  // Where the proxy will be: the first aligned slot of the next kernel page (entry_request,
  // §5.2.3). Read before the request: the steering machine is a correct design, which refuses
  // the registration and so makes no proxy; the flawed one under test does.
  const align = Math.max(1, cfg.entryAlign);
  const proxy = Math.ceil((m.space.kernelNextPage * cfg.wordsPerPage) / align) * align;
  sys(ta, { k: 'entry_request', e: -1, entries: [{ sig: w.sig, policy: [...w.callerPolicy] }] });
  sys(ta, { k: 'dom_default' });
  sys(ta, { k: 'grant_create', src: -1, dst: -2 });
  step({ op: 'call', t: ta, a: { k: 'abs', a: proxy } });
};
