// Raw CODOMs instructions for the guided generators (both layers), aimed at what matters in
// the state they are about to run in: the bounds of capabilities a thread holds (plus and
// minus one), entry points of live domains and their neighbours, proxies' first
// instructions and return paths, the return address on the stack, page edges.
import type { AddrSel } from '../../alphabet/address';
import { CAP_KINDS, CAP_PERMS } from '../../alphabet/config';
import type { Op } from '../../alphabet/ops';
import type { Rng } from './rng';

/** What the state offers a raw instruction to aim at. */
export interface Aims {
  /** Capability registers of the thread that hold a capability (usable or not). */
  readonly capRegs: readonly number[];
  /** Domain tags worth touching (live domains, the ones just granted or created). */
  readonly tags: readonly number[];
  /** Proxies' first instructions and return paths (dIPC), absolute. */
  readonly proxyAddrs: readonly number[];
  /** Pages of other processes or owners (absolute addresses of a word in each). */
  readonly foreign: readonly number[];
}

export const NO_AIMS: Aims = { capRegs: [], tags: [0, 1], proxyAddrs: [], foreign: [] };

const edge = (rng: Rng): number => rng.pick([-1, 0, 0, 1]);

/** A capability register: one that holds something when there is one. */
export const capRegOf = (rng: Rng, aims: Aims): number => (aims.capRegs.length > 0 && rng.chance(0.8) ? rng.pick(aims.capRegs) : rng.int(0, 7));

/** An address that matters now. */
export const aimAddr = (rng: Rng, aims: Aims): AddrSel =>
  rng.weighted<AddrSel>([
    [aims.capRegs.length > 0 ? 5 : 1, () => ({ k: 'capBase', c: capRegOf(rng, aims), o: edge(rng) })],
    [aims.capRegs.length > 0 ? 4 : 1, () => ({ k: 'capEnd', c: capRegOf(rng, aims), o: rng.pick([-1, -1, 0, 1]) })],
    [4, () => ({ k: 'entry', d: rng.pick(aims.tags.length > 0 ? aims.tags : [0, 1]), i: rng.int(0, 3), o: edge(rng) })],
    [aims.proxyAddrs.length > 0 ? 4 : 0, () => ({ k: 'abs', a: rng.pick(aims.proxyAddrs) + rng.pick([0, 0, 0, 1, -1, 2]) })],
    [aims.foreign.length > 0 ? 3 : 0, () => ({ k: 'abs', a: rng.pick(aims.foreign) + rng.int(0, 3) })],
    [3, () => ({ k: 'stack', o: rng.pick([-2, -1, 0, 0, 1, 2]) })],
    [2, () => ({ k: 'page', p: rng.int(0, 40), o: rng.pick([-1, 0, 15, 16, rng.int(0, 15)]) })],
    [1, () => ({ k: 'code', i: rng.int(0, 3), o: edge(rng) })],
    [1, () => ({ k: 'capPage', i: rng.int(0, 3), o: rng.int(-1, 15) })],
    [1, () => ({ k: 'reg', r: rng.int(0, 8), o: edge(rng) })],
  ])!;

const perm = (rng: Rng) => rng.pick(CAP_PERMS);
const kind = (rng: Rng) => (rng.chance(0.6) ? 'async' : rng.pick(CAP_KINDS));

/** Use the capability in register c of thread t: access at its bounds, derive from it, store, push, revoke, clear it. */
export const capUse = (rng: Rng, t: number, c: number, aims: Aims): Op =>
  rng.weighted<Op>([
    [4, () => ({ op: 'load', t, r: rng.int(0, 7), a: { k: rng.chance(0.5) ? 'capBase' : 'capEnd', c, o: rng.pick([-1, 0, 1]) } })],
    [4, () => ({ op: 'store', t, r: rng.int(0, 7), a: { k: rng.chance(0.5) ? 'capBase' : 'capEnd', c, o: rng.pick([-1, 0, 1]) } })],
    [1, () => ({ op: rng.chance(0.5) ? 'jump' : 'call', t, a: { k: 'capBase', c, o: rng.pick([0, 0, 1, -1]) } })],
    [
      4,
      () => ({
        op: 'cap_derive', t, c: rng.chance(0.5) ? (c + 1) % 8 : rng.int(0, 7), s: c,
        off: rng.pick([-1, 0, 0, 1, 2]), len: rng.pick([0, 1, 2, 3, 4, 8, 9]), perm: perm(rng), kind: kind(rng),
      }),
    ],
    [2, () => ({ op: 'cap_store', t, c, a: rng.chance(0.7) ? { k: 'capPage', i: rng.int(0, 3), o: rng.int(0, 15) } : aimAddr(rng, aims) })],
    [2, () => ({ op: 'cap_push', t, c })],
    [1, () => ({ op: 'cap_pop', t, c: rng.int(0, 7) })],
    [2, () => ({ op: 'cap_revoke', t, c: rng.chance(0.5) ? c : capRegOf(rng, aims) })],
    [1, () => ({ op: 'cap_clear', t, c })],
  ])!;

/** Any raw instruction of thread t, aimed. */
export const rawOp = (rng: Rng, t: number, aims: Aims): Op =>
  rng.weighted<Op>([
    [2, () => ({ op: 'li', t, r: rng.int(0, 8), v: rng.chance(0.5) ? rng.int(-1, 60) : rng.int(0, 700) })],
    [1, () => ({ op: 'mov', t, r: rng.int(0, 8), s: rng.int(0, 8) })],
    [5, () => ({ op: 'load', t, r: rng.int(0, 7), a: aimAddr(rng, aims) })],
    [5, () => ({ op: 'store', t, r: rng.int(0, 7), a: aimAddr(rng, aims) })],
    [3, () => ({ op: 'call', t, a: aimAddr(rng, aims) })],
    [2, () => ({ op: 'jump', t, a: aimAddr(rng, aims) })],
    [2, () => ({ op: 'ret', t })],
    [
      5,
      () => ({
        op: 'cap_create', t, c: rng.int(0, 3),
        a: rng.chance(0.4) ? { k: 'stack', o: rng.int(-8, 0) } : rng.chance(0.5) ? { k: 'entry', d: rng.pick(aims.tags.length > 0 ? aims.tags : [0]), i: rng.int(0, 5), o: 0 } : aimAddr(rng, aims),
        len: rng.chance(0.8) ? rng.int(1, 8) : rng.pick([0, 16, 20, 64, 65]), perm: perm(rng), kind: kind(rng),
      }),
    ],
    [aims.capRegs.length > 0 ? 6 : 0, () => capUse(rng, t, rng.pick(aims.capRegs), aims)],
    [2, () => ({ op: 'cap_pop', t, c: rng.int(0, 7) })],
    [1, () => ({ op: 'cap_push', t, c: capRegOf(rng, aims) })],
    [2, () => ({ op: 'cap_load', t, c: rng.int(0, 7), a: rng.chance(0.7) ? { k: 'capPage', i: rng.int(0, 3), o: rng.int(0, 15) } : aimAddr(rng, aims) })],
    [1, () => ({ op: 'fault', t })],
  ])!;

/** Did the op take effect (a value or ok, not a fault, error or skip)? */
export const succeeded = (out: { readonly out: string }): boolean => out.out === 'ok' || out.out === 'value';

/** Ops that give thread t new authority in register c when they succeed. */
export const acquiredCap = (op: Op): number | null =>
  op.op === 'cap_create' || op.op === 'cap_derive' || op.op === 'cap_pop' || op.op === 'cap_load' ? op.c : null;
