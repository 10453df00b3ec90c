// The benchmark workload: a deterministic op trace (it depends on the seed alone) that looks
// like a program running on CODOMs rather than like a fuzzer. Four threads on two CPUs each
// work around a home domain: mostly loads and stores to their own and their neighbours'
// data, cross-domain calls and returns (the stack reached through a capability once the
// thread is in another domain), some capability traffic (create, derive, use, revoke, DCS
// push/pop, capability storage), rare APL changes from privileged code, rescheduling, and a
// few deliberate faults. The generator keeps a small model of each thread (its call chain,
// its capabilities, its DCS depth) so that nearly every op is one that succeeds; the
// benchmark reports the outcome mix it actually got.
//
// Addresses are AddrSel selectors (`page`, `entry`, `stack`, `capBase`, `capPage`) over the
// layout of machine-layout.ts, so the same seed gives the same shape at every size.
import type { AddrSel } from '../alphabet/address';
import type { Op } from '../alphabet/ops';
import {
  APL_BACK, APL_CALL, APL_READ, APL_TOGGLED, APL_WRITE, DCS_SIZE, ENTRY_ALIGN, FIRST_DATA_PAGE, type MachineSize,
  NUM_CPUS, NUM_THREADS, WORDS_PER_PAGE, domainPage, homeDomain, pagesPerDomain,
  readOnlyPage,
} from './machine-layout';
import type { Probes } from './floor';
import { Prng } from './prng';

/** Register holding the thread's stack capability (sync, write, the whole stack page). */
const STACK_CAP = 7;
/** Entry index of a domain's privileged code page: entries 0..3 are on its code page. */
const PRIV_ENTRY = 4;
/** Deepest call chain the workload builds (the stack page holds 16 words). */
const MAX_DEPTH = 3;
/** An unaligned call lands 1..3 words past an entry point (entries are 4-aligned). */
const ENTRY_MISALIGN = ENTRY_ALIGN - 1;
/** Chance that the next op comes from the same thread as the last one. */
const STAY_ON_THREAD = 0.75;

interface CapModel {
  readonly page: number;
  readonly off: number;
  readonly len: number;
  readonly write: boolean;
  /** Which creation (of this thread's c1) it descends from, so a revoke kills the right ones. */
  readonly lineage: number;
}

interface ThreadModel {
  readonly t: number;
  /** Domains of the call chain; the last is where the thread executes. */
  readonly frames: number[];
  cpu: number;
  dcsDepth: number;
  c1: CapModel | null;
  c2: CapModel | null;
  lineage: number;
}

export interface Trace {
  readonly size: MachineSize;
  readonly seed: number;
  readonly ops: Op[];
  /** Executing domain, address and need of every plain data access the generator aimed (for the floor). */
  readonly probes: Probes;
}

type Action =
  | 'loadOwn' | 'storeOwn' | 'loadRead' | 'loadWrite' | 'storeWrite' | 'loadBack' | 'loadToggled'
  | 'stackStore' | 'stackLoad' | 'li' | 'mov' | 'callOut' | 'callLocal' | 'ret' | 'jumpLocal'
  | 'capCreate' | 'capDerive' | 'capUse' | 'capRevoke' | 'capPush' | 'capPop' | 'capStore' | 'capLoad' | 'capClear'
  | 'privToggle' | 'schedule' | 'faultReadOnly' | 'faultNoAccess' | 'faultUnaligned' | 'crash';

/** Weights, roughly per 100 ops; actions whose precondition fails fall back to a data access. */
const MIX: readonly (readonly [Action, number])[] = [
  ['loadOwn', 14], ['storeOwn', 10], ['loadRead', 5], ['loadWrite', 3], ['storeWrite', 3], ['loadBack', 2],
  ['loadToggled', 1], ['stackStore', 4], ['stackLoad', 3], ['li', 6], ['mov', 2],
  ['callOut', 5], ['callLocal', 2], ['ret', 7], ['jumpLocal', 2],
  ['capCreate', 2], ['capDerive', 2], ['capUse', 5], ['capRevoke', 0.7], ['capPush', 1], ['capPop', 1],
  ['capStore', 1], ['capLoad', 1], ['capClear', 0.3],
  ['privToggle', 0.5], ['schedule', 1],
  ['faultReadOnly', 0.5], ['faultNoAccess', 0.5], ['faultUnaligned', 0.4], ['crash', 0.1],
];

export const buildTrace = (size: MachineSize, seed: number, numOps: number): Trace => {
  const rng = new Prng(seed);
  const D = size.domains;
  const ppd = pagesPerDomain(size);
  const W = WORDS_PER_PAGE;
  const mod = (x: number): number => ((x % D) + D) % D;
  const ops: Op[] = [];
  const probeFrom: number[] = [];
  const probeAddr: number[] = [];
  const probeNeed: number[] = [];
  /** Domains d whose APL[d][d+4] is currently read. */
  const toggled = new Set<number>();

  const threads: ThreadModel[] = Array.from({ length: NUM_THREADS }, (_, t) => ({
    t, frames: [homeDomain(size, t)], cpu: t % NUM_CPUS, dcsDepth: 0, c1: null, c2: null, lineage: 0,
  }));

  const emit = (op: Op): void => {
    if (ops.length < numOps) ops.push(op);
  };
  const dataPage = (d: number): number => domainPage(size, d, rng.int(FIRST_DATA_PAGE, readOnlyPage(ppd) - 1));
  const reg = (): number => rng.int(0, 7);
  /** A plain load or store to a data page of domain d, recorded as a floor probe. */
  const dataAccess = (th: ThreadModel, kind: 'load' | 'store', d: number): void => {
    const p = dataPage(d);
    const o = rng.int(0, W - 1);
    probeFrom.push(cur(th));
    probeAddr.push(p * W + o);
    probeNeed.push(kind === 'load' ? 1 : 2);
    emit({ op: kind, t: th.t, r: reg(), a: { k: 'page', p, o } });
  };
  const cur = (th: ThreadModel): number => th.frames[th.frames.length - 1];
  const entry = (d: number, i: number, o = 0): AddrSel => ({ k: 'entry', d, i, o });

  // Every thread first takes a capability to its own stack, as a CODOMs runtime would (§4.2).
  for (const th of threads) {
    emit({ op: 'cap_create', t: th.t, c: STACK_CAP, a: { k: 'stack', o: -W }, len: W, perm: 'write', kind: 'sync' });
  }

  let th = threads[0];
  while (ops.length < numOps) {
    if (!rng.chance(STAY_ON_THREAD)) th = threads[rng.int(0, NUM_THREADS - 1)];
    const t = th.t;
    const c = cur(th);
    const depth = th.frames.length - 1;
    const action = rng.weighted(MIX);
    switch (action) {
      case 'loadOwn':
        dataAccess(th, 'load', c);
        break;
      case 'storeOwn':
        dataAccess(th, 'store', c);
        break;
      case 'loadRead':
        dataAccess(th, 'load', mod(c + APL_READ));
        break;
      case 'loadWrite':
        dataAccess(th, 'load', mod(c + APL_WRITE));
        break;
      case 'storeWrite':
        dataAccess(th, 'store', mod(c + APL_WRITE));
        break;
      case 'loadBack':
        dataAccess(th, 'load', mod(c + APL_BACK));
        break;
      case 'loadToggled':
        dataAccess(th, 'load', toggled.has(c) ? mod(c + APL_TOGGLED) : c);
        break;
      case 'stackStore':
        // Locals below sp; from another domain only the stack capability reaches them.
        emit({ op: 'store', t, r: reg(), a: { k: 'stack', o: -rng.int(1, 6) } });
        break;
      case 'stackLoad':
        emit({ op: 'load', t, r: reg(), a: { k: 'stack', o: depth > 0 ? -rng.int(0, 6) : -rng.int(1, 6) } });
        break;
      case 'li':
        emit({ op: 'li', t, r: reg(), v: rng.int(1, 1_000_000) });
        break;
      case 'mov':
        emit({ op: 'mov', t, r: reg(), s: reg() });
        break;
      case 'callOut':
      case 'callLocal':
        if (depth >= MAX_DEPTH) {
          dataAccess(th, 'load', c);
          break;
        }
        {
          const target = action === 'callOut' ? mod(c + APL_CALL) : c;
          emit({ op: 'call', t, a: entry(target, rng.int(0, 3)) });
          th.frames.push(target);
        }
        break;
      case 'ret':
        if (depth === 0) {
          dataAccess(th, 'store', c);
          break;
        }
        emit({ op: 'ret', t });
        th.frames.pop();
        break;
      case 'jumpLocal':
        emit({ op: 'jump', t, a: entry(c, rng.int(0, 3)) });
        break;
      case 'capCreate': {
        const d = mod(c + APL_WRITE);
        const page = dataPage(d);
        const off = rng.int(0, W - 1);
        const len = rng.int(1, W - off);
        emit({ op: 'cap_create', t, c: 1, a: { k: 'page', p: page, o: off }, len, perm: 'write', kind: 'async' });
        th.lineage++;
        th.c1 = { page, off, len, write: true, lineage: th.lineage };
        break;
      }
      case 'capDerive': {
        const p = th.c1;
        if (p === null) {
          dataAccess(th, 'load', c);
          break;
        }
        const off = rng.int(0, p.len - 1);
        const len = rng.int(1, p.len - off);
        const write = rng.chance(0.7);
        emit({ op: 'cap_derive', t, c: 2, s: 1, off, len, perm: write ? 'write' : 'read', kind: 'async' });
        th.c2 = { page: p.page, off: p.off + off, len, write, lineage: p.lineage };
        break;
      }
      case 'capUse': {
        // Through c2: from a domain without APL access, the capability is what grants it.
        const k = th.c2;
        if (k === null) {
          dataAccess(th, 'load', c);
          break;
        }
        const o = rng.int(0, k.len - 1);
        const store = k.write && rng.chance(0.5);
        emit({ op: store ? 'store' : 'load', t, r: reg(), a: { k: 'capBase', c: 2, o } });
        break;
      }
      case 'capRevoke': {
        const k = th.c1;
        if (k === null) {
          dataAccess(th, 'load', c);
          break;
        }
        emit({ op: 'cap_revoke', t, c: 1 });
        th.c1 = null;
        if (th.c2 !== null && th.c2.lineage === k.lineage) th.c2 = null;
        break;
      }
      case 'capPush':
        if (th.c2 === null || th.dcsDepth >= DCS_SIZE) {
          dataAccess(th, 'load', c);
          break;
        }
        emit({ op: 'cap_push', t, c: 2 });
        th.dcsDepth++;
        break;
      case 'capPop':
        if (th.dcsDepth === 0) {
          dataAccess(th, 'load', c);
          break;
        }
        emit({ op: 'cap_pop', t, c: 3 });
        th.dcsDepth--;
        break;
      case 'capStore':
        if (th.c1 === null) {
          dataAccess(th, 'load', c);
          break;
        }
        // Domain c owns exactly one capability-storage page, the c-th of the machine.
        emit({ op: 'cap_store', t, c: 1, a: { k: 'capPage', i: c, o: rng.int(0, W - 1) } });
        break;
      case 'capLoad':
        emit({ op: 'cap_load', t, c: 3, a: { k: 'capPage', i: c, o: rng.int(0, W - 1) } });
        break;
      case 'capClear':
        emit({ op: 'cap_clear', t, c: 3 });
        break;
      case 'privToggle': {
        // Into the domain's privileged code, change one grant, and back (§4.1).
        const on = !toggled.has(c);
        emit({ op: 'jump', t, a: entry(c, PRIV_ENTRY) });
        emit({ op: 'priv', t, act: { k: 'apl_set', src: c, dst: mod(c + APL_TOGGLED), perm: on ? 'read' : 'none' } });
        emit({ op: 'jump', t, a: entry(c, 0) });
        if (on) toggled.add(c);
        else toggled.delete(c);
        break;
      }
      case 'schedule':
        th.cpu = (th.cpu + 1) % NUM_CPUS;
        emit({ op: 'schedule', t, cpu: th.cpu });
        break;
      case 'faultReadOnly':
        emit({ op: 'store', t, r: reg(), a: { k: 'page', p: domainPage(size, c, readOnlyPage(ppd)), o: rng.int(0, W - 1) } });
        break;
      case 'faultNoAccess':
        emit({ op: 'store', t, r: reg(), a: { k: 'page', p: dataPage(mod(c + APL_READ)), o: rng.int(0, W - 1) } });
        break;
      case 'faultUnaligned':
        emit({ op: 'call', t, a: entry(mod(c + APL_CALL), rng.int(0, 3), rng.int(1, ENTRY_MISALIGN)) });
        break;
      case 'crash':
        emit({ op: 'fault', t });
        break;
    }
  }
  const probes = { from: Int32Array.from(probeFrom), addr: Int32Array.from(probeAddr), need: Uint8Array.from(probeNeed) };
  return { size, seed, ops, probes };
};
