// The abstraction function α of the dIPC layer: the spec's DipcState that the dIPC impl's
// tables stand for. `hw` is the CODOMs α of the hardware; `os` is rebuilt from the kernel's
// typed arrays and records in the spec's canonical form (domains as a Map of the tags in
// use, policies as canonical arrays, `via` lists oldest first). The allocators' bitmaps and
// hints, the template cache, the per-domain page index, the proxy landing table, the
// block index of capabilities and the track_process_call caches (hot and warm paths) are
// invisible here: they may only make the impl faster. Entry and proxy liveness is derived
// from the processes (kill is the only thing that tears them down, entry-table.ts).
//
// Incremental (issue 14): a DipcAbstractor belongs to one machine. The hardware goes through
// the CODOMs abstractor (refinement/abstraction.ts); each OS part is compared with what the
// previous snapshot was built from (typed arrays against shadow copies, records by identity
// and their mutable fields against the snapshot) and only what changed is rebuilt. KCS
// frames, stack regions, entry and proxy records are immutable in the impl (readonly
// fields), so their abstractions are memoised by identity. Unchanged parts, and the whole
// state when nothing changed, are the same objects as in the previous snapshot.
import type { AplPerm } from '../alphabet/config';
import type { HandlePerm } from '../alphabet/dipc-ops';
import { FREE_BLOCK, KERNEL_BLOCK_OWNER } from '../impl/dipc/address-space';
import { DOMAIN_KIND_NAMES } from '../impl/dipc/domain-table';
import type { EntryRecord, ProxyRecord } from '../impl/dipc/entry-table';
import { H_DOM, H_GRANT, type HandleTable, type Via, viaToArray } from '../impl/dipc/handle-table';
import type { DipcImplMachine } from '../impl/dipc/machine';
import { maskToPolicy } from '../impl/dipc/policy-mask';
import type { ImportSlot as ImplImport, ProcessRecord } from '../impl/dipc/processes';
import type { KcsFrame as ImplFrame } from '../impl/dipc/kcs';
import { ACT_SEND } from '../impl/dipc/ledger';
import type { CapId } from '../spec/state/capabilities';
import type { BlockOwner, DipcState, OsState } from '../spec/state/dipc';
import type { Entry, Proxy } from '../spec/state/entries';
import type { DomainInfo } from '../spec/state/domains';
import type { Handle } from '../spec/state/handles';
import type { ImportSlot } from '../spec/state/imports';
import type { KcsFrame, StackRegion } from '../spec/state/kcs';
import type { KernelThread } from '../spec/state/kernel-threads';
import type { LedgerRecord } from '../spec/state/ledger';
import type { Process } from '../spec/state/processes';
import { CodomsAbstractor, sameHead } from './abstraction';

const HANDLE_PERMS: readonly HandlePerm[] = ['call', 'call', 'read', 'write', 'owner'];
const APL_PERMS: readonly AplPerm[] = ['call', 'call', 'read', 'write'];
const nullable = (n: number): number | null => (n < 0 ? null : n);

const handlesOf = (hs: HandleTable): Handle[] => {
  const out: Handle[] = [];
  for (let i = 0; i < hs.count; i++) {
    const origin = hs.origin[i];
    const via = viaToArray(hs.via[i]);
    const k = hs.kind[i];
    out.push(
      k === H_DOM
        ? { k: 'dom', tag: hs.ref[i], perm: HANDLE_PERMS[hs.perm[i]], origin, via }
        : k === H_GRANT
          ? { k: 'grant', grant: hs.ref[i], origin, via }
          : { k: 'entry', entry: hs.ref[i], origin, via },
    );
  }
  return out;
};

const importOf = (i: ImplImport): ImportSlot => ({
  handle: nullable(i.handle),
  signature: { ...i.signature },
  policy: maskToPolicy(i.policy),
  proxy: nullable(i.proxy),
});

/** Which parts of a process are unchanged since `was` (the incremental abstractor reuses them). */
interface Kept {
  readonly handles: boolean;
  readonly threadIds: boolean;
  readonly exports: boolean;
  readonly imports: boolean;
  readonly was: Process;
}

const processOf = (p: ProcessRecord, kept?: Kept): Process => ({
  alive: p.alive,
  dipc: p.dipc,
  honest: p.honest,
  defaultDomain: p.defaultDomain,
  stackDomain: p.stackDomain,
  handles: kept?.handles === true ? kept.was.handles : handlesOf(p.handles),
  resource: p.resource,
  tls: p.tls,
  block: nullable(p.block),
  data: nullable(p.data),
  nextPage: p.nextPage,
  threadIds: kept?.threadIds === true ? kept.was.threadIds : new Map(p.threadIds),
  nextThreadId: p.nextThreadId,
  parent: nullable(p.parent),
  exports: kept?.exports === true ? kept.was.exports : [...p.exports],
  imports: kept?.imports === true ? kept.was.imports : p.imports.map(importOf),
  cpuTime: p.cpuTime,
});

const capRef = (id: number): CapId | null => (id < 0 ? null : id);

const frameOf = (f: ImplFrame): KcsFrame => ({
  proxy: f.proxy,
  caller: f.caller,
  callee: f.callee,
  returnAddress: f.returnAddress,
  savedSp: f.savedSp,
  savedDcsBase: f.savedDcsBase,
  savedDcsLength: f.savedDcsTop,
  savedDcsArgs: f.savedDcsArgs === null ? null : Array.from(f.savedDcsArgs, capRef),
  savedDcs: f.savedDcs === null ? null : Array.from(f.savedDcs, capRef),
  savedStackCap: capRef(f.savedStackCap),
  savedRetCap: capRef(f.savedRetCap),
  stackSwitched: f.stackSwitched,
  returnCap: f.returnCap,
  split: f.split,
});

const threadsOf = (m: DipcImplMachine): KernelThread[] => {
  const kt = m.kthreads;
  const out: KernelThread[] = [];
  for (let t = 0; t < kt.count; t++) {
    const stacks = new Map<number, StackRegion>();
    for (const [pid, r] of kt.stacks[t]) stacks.set(pid, { first: r.first, words: r.words, cap: r.cap });
    out.push({
      home: kt.home[t],
      current: kt.current[t],
      ended: kt.ended[t] !== 0,
      tls: kt.tls[t],
      resource: kt.resource[t],
      kcs: kt.kcs[t].map(frameOf),
      stacks,
    });
  }
  return out;
};

const grantsOf = (m: DipcImplMachine) => {
  const g = m.grants;
  return Array.from({ length: g.count }, (_, i) => ({
    src: g.src[i], dst: g.dst[i], perm: APL_PERMS[g.rank[i]], live: g.live[i] !== 0, by: g.by[i],
  }));
};

const domainsOf = (m: DipcImplMachine): Map<number, DomainInfo> => {
  const domains = new Map<number, DomainInfo>();
  const d = m.domains;
  for (let tag = 0; tag < d.capacity; tag++) {
    const kind = DOMAIN_KIND_NAMES[d.kind[tag]];
    if (kind !== undefined) domains.set(tag, { kind, creator: nullable(d.creator[tag]) });
  }
  return domains;
};

const ledgerOf = (m: DipcImplMachine): LedgerRecord[] => {
  const l = m.ledger;
  return Array.from({ length: l.count }, (_, i) =>
    l.act[i] === ACT_SEND ? { act: 'send', from: l.a[i], to: l.b[i], handle: l.c[i] } : { act: 'grant', by: l.a[i], grant: l.b[i] },
  );
};

const blockOwnersOf = (m: DipcImplMachine): BlockOwner[] =>
  Array.from(m.space.owners, (o) => (o === KERNEL_BLOCK_OWNER ? 'kernel' : o === FREE_BLOCK ? null : o));

const entryOf = (e: EntryRecord, live: boolean): Entry => ({
  domain: e.domain,
  owner: e.owner,
  entries: e.points.map((pt) => ({ address: pt.address, signature: { ...pt.signature }, policy: maskToPolicy(pt.policy) })),
  live,
});

const proxyOf = (x: ProxyRecord, live: boolean): Proxy => ({
  domain: x.domain, entry: x.entry, slot: x.slot, address: x.address, returnPath: x.returnPath, signature: { ...x.signature },
  policy: maskToPolicy(x.template.policy), caller: x.caller, callee: x.callee, live,
});

type Cols = Float64Array | Int32Array | Uint8Array;
const same = Object.is as (a: unknown, b: unknown) => boolean;

/** Shadow copies of the first `count` elements of up to five columns; `changed` says whether any differs now, and then takes new copies. */
class ColumnsShadow {
  private count = -1;
  private copies: Cols[] = [];

  changed(count: number, c0: Cols, c1?: Cols, c2?: Cols, c3?: Cols, c4?: Cols): boolean {
    const k = this.copies;
    if (
      count === this.count && sameHead(c0, k[0], count) && (c1 === undefined || sameHead(c1, k[1], count)) &&
      (c2 === undefined || sameHead(c2, k[2], count)) && (c3 === undefined || sameHead(c3, k[3], count)) && (c4 === undefined || sameHead(c4, k[4], count))
    )
      return false;
    this.count = count;
    const n = Math.max(count, 0);
    this.copies = [c0, c1, c2, c3, c4].filter((c) => c !== undefined).map((c) => c.slice(0, n));
    return true;
  }
}

/** What a process's snapshot was built from, beyond the fields compared with the snapshot itself. */
interface ProcessShadow {
  readonly rec: ProcessRecord;
  readonly abs: Process;
  readonly handles: ColumnsShadow;
  readonly via: (Via | null)[];
  readonly imports: readonly ImplImport[];
  /** threadIds as [key, value, key, value ...] in the Map's order. */
  readonly threadIds: readonly number[];
}

const sameProcessFields = (p: ProcessRecord, a: Process): boolean =>
  a.alive === p.alive && a.dipc === p.dipc && a.honest === p.honest && same(a.defaultDomain, p.defaultDomain) &&
  same(a.stackDomain, p.stackDomain) && same(a.resource, p.resource) && same(a.tls, p.tls) && same(a.block, nullable(p.block)) &&
  same(a.data, nullable(p.data)) && same(a.nextPage, p.nextPage) && same(a.nextThreadId, p.nextThreadId) &&
  same(a.parent, nullable(p.parent)) && same(a.cpuTime, p.cpuTime);

const sameThreadIds = (p: ProcessRecord, sh: ProcessShadow): boolean => {
  if (2 * p.threadIds.size !== sh.threadIds.length) return false;
  let i = 0;
  for (const [k, v] of p.threadIds) {
    if (!same(k, sh.threadIds[i++]) || !same(v, sh.threadIds[i++])) return false;
  }
  return true;
};

const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
  return true;
};

const sameImports = (p: ProcessRecord, sh: ProcessShadow): boolean => {
  const now = p.imports;
  if (!sameList(now, sh.imports)) return false;
  for (let i = 0; i < now.length; i++) if (!same(sh.abs.imports[i].proxy, nullable(now[i].proxy))) return false;
  return true;
};

const sameVia = (now: readonly (Via | null)[], was: readonly (Via | null)[]): boolean => {
  for (let i = 0; i < was.length; i++) if (now[i] !== was[i]) return false;
  return true;
};

interface ThreadShadow {
  readonly abs: KernelThread;
  readonly kcs: readonly ImplFrame[];
  readonly stacks: readonly (readonly [number, unknown])[];
}

const sameStacks = (now: ReadonlyMap<number, unknown>, was: ThreadShadow['stacks']): boolean => {
  if (now.size !== was.length) return false;
  let i = 0;
  for (const [pid, r] of now) {
    const w = was[i++];
    if (!same(pid, w[0]) || r !== w[1]) return false;
  }
  return true;
};

/**
 * The abstractions of immutable records whose only changing part is whether they are live:
 * memoised per record and liveness; the previous array when no element changed.
 */
const memoised = <R extends object, A extends { readonly live: boolean }>(
  list: readonly R[],
  prev: readonly A[] | undefined,
  memo: WeakMap<R, A>,
  liveOf: (r: R) => boolean,
  build: (r: R, live: boolean) => A,
): readonly A[] => {
  let out: A[] | null = prev === undefined || prev.length !== list.length ? [] : null;
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    const live = liveOf(r);
    let a = memo.get(r);
    if (a === undefined || a.live !== live) memo.set(r, (a = build(r, live)));
    if (out === null && a === (prev as readonly A[])[i]) continue;
    out ??= (prev as A[]).slice();
    out[i] = a;
  }
  return out ?? (prev as readonly A[]);
};

/** An entry stands while its owner lives in the image it was registered in (entry-table.ts). */
const stands = (procs: readonly ProcessRecord[], e: { owner: number; image: number }): boolean => procs[e.owner].alive && procs[e.owner].image === e.image;

/** α of one dIPC machine, rebuilt incrementally from the previous snapshot (see the header). */
export class DipcAbstractor {
  private readonly hw = new CodomsAbstractor();
  private last: DipcState | null = null;
  private readonly procs: ProcessShadow[] = [];
  private readonly threads: ThreadShadow[] = [];
  private readonly frames = new WeakMap<ImplFrame, KcsFrame>();
  private readonly regions = new WeakMap<object, StackRegion>();
  private readonly entryMemo = new WeakMap<EntryRecord, Entry>();
  private readonly proxyMemo = new WeakMap<ProxyRecord, Proxy>();
  private readonly domainCols = new ColumnsShadow();
  private readonly grantCols = new ColumnsShadow();
  private readonly ledgerCols = new ColumnsShadow();
  private readonly ownerCols = new ColumnsShadow();

  abstract(m: DipcImplMachine): DipcState {
    const hw = this.hw.abstract(m.hw);
    const prev = this.last;
    const os = this.osOf(m, prev?.os);
    if (prev !== null && prev.hw === hw && prev.os === os && prev.config === m.config) return prev;
    return (this.last = { config: m.config, hw, os });
  }

  private osOf(m: DipcImplMachine, p: OsState | undefined): OsState {
    const kt = m.kthreads;
    const processes = this.processesOf(m, p?.processes);
    const threads = this.threadsOf(m, p?.threads);
    const d = m.domains;
    const domains = this.domainCols.changed(d.capacity, d.kind, d.creator) || p === undefined ? domainsOf(m) : p.domains;
    const g = m.grants;
    const grants = this.grantCols.changed(g.count, g.src, g.dst, g.rank, g.live, g.by) || p === undefined ? grantsOf(m) : p.grants;
    const entries = this.entriesOf(m, p?.entries);
    const proxies = this.proxiesOf(m, p?.proxies);
    const owners = m.space.owners;
    const blockOwners = this.ownerCols.changed(owners.length, owners) || p === undefined ? blockOwnersOf(m) : p.blockOwners;
    const l = m.ledger;
    const ledger = this.ledgerCols.changed(l.count, l.act, l.a, l.b, l.c) || p === undefined ? ledgerOf(m) : p.ledger;
    const kernelNextPage = m.space.kernelNextPage;
    if (
      p !== undefined && processes === p.processes && threads === p.threads && domains === p.domains && grants === p.grants &&
      entries === p.entries && proxies === p.proxies && blockOwners === p.blockOwners && ledger === p.ledger &&
      same(kernelNextPage, p.kernelNextPage) && p.maxThreads === kt.max
    )
      return p;
    return {
      blocks: m.config.blocks,
      blockPages: m.config.blockPages,
      maxProcesses: m.config.maxProcesses,
      maxThreads: kt.max,
      processes,
      threads,
      domains,
      grants,
      entries,
      proxies,
      blockOwners,
      kernelNextPage,
      ledger,
    };
  }

  private processesOf(m: DipcImplMachine, prev: readonly Process[] | undefined): readonly Process[] {
    const list = m.processes.list;
    let out: Process[] | null = prev === undefined || prev.length !== list.length ? [] : null;
    for (let pid = 0; pid < list.length; pid++) {
      const rec = list[pid];
      const sh = this.procs[pid];
      const hs = rec.handles;
      const known = sh !== undefined && sh.rec === rec;
      // Each part is compared (and its shadow brought up to date) on its own, so that an op
      // that only charged CPU time keeps the handles, thread ids, exports and imports.
      const sameHandles = known && !sh.handles.changed(hs.count, hs.kind, hs.ref, hs.perm, hs.origin) && sameVia(hs.via, sh.via);
      const sameIds = known && sameThreadIds(rec, sh);
      const sameExports = known && sameList(rec.exports, sh.abs.exports);
      const sameImps = known && sameImports(rec, sh);
      if (known && sameHandles && sameIds && sameExports && sameImps && sameProcessFields(rec, sh.abs)) {
        if (out !== null) out[pid] = sh.abs;
        continue;
      }
      const abs = processOf(rec, known ? { handles: sameHandles, threadIds: sameIds, exports: sameExports, imports: sameImps, was: sh.abs } : undefined);
      let handles = sh?.handles;
      if (!known || handles === undefined) {
        handles = new ColumnsShadow();
        handles.changed(hs.count, hs.kind, hs.ref, hs.perm, hs.origin);
      }
      this.procs[pid] = { rec, abs, handles, via: hs.via.slice(0, hs.count), imports: rec.imports.slice(), threadIds: [...rec.threadIds].flat() };
      out ??= (prev as Process[]).slice();
      out[pid] = abs;
    }
    this.procs.length = list.length;
    return out ?? (prev as readonly Process[]);
  }

  private frameOf(f: ImplFrame): KcsFrame {
    let a = this.frames.get(f);
    if (a === undefined) this.frames.set(f, (a = frameOf(f)));
    return a;
  }

  private regionOf(r: { first: number; words: number; cap: number }): StackRegion {
    let a = this.regions.get(r);
    if (a === undefined) this.regions.set(r, (a = { first: r.first, words: r.words, cap: r.cap }));
    return a;
  }

  private threadsOf(m: DipcImplMachine, prev: readonly KernelThread[] | undefined): readonly KernelThread[] {
    const kt = m.kthreads;
    let out: KernelThread[] | null = prev === undefined || prev.length !== kt.count ? [] : null;
    for (let t = 0; t < kt.count; t++) {
      const sh = this.threads[t];
      if (
        sh !== undefined && same(sh.abs.home, kt.home[t]) && same(sh.abs.current, kt.current[t]) && sh.abs.ended === (kt.ended[t] !== 0) &&
        same(sh.abs.tls, kt.tls[t]) && same(sh.abs.resource, kt.resource[t]) && sameList(kt.kcs[t], sh.kcs) && sameStacks(kt.stacks[t], sh.stacks)
      ) {
        if (out !== null) out[t] = sh.abs;
        continue;
      }
      const stacks = new Map<number, StackRegion>();
      for (const [pid, r] of kt.stacks[t]) stacks.set(pid, this.regionOf(r));
      const abs: KernelThread = {
        home: kt.home[t],
        current: kt.current[t],
        ended: kt.ended[t] !== 0,
        tls: kt.tls[t],
        resource: kt.resource[t],
        kcs: kt.kcs[t].map((f) => this.frameOf(f)),
        stacks,
      };
      this.threads[t] = { abs, kcs: kt.kcs[t].slice(), stacks: [...kt.stacks[t]] };
      out ??= (prev as KernelThread[]).slice();
      out[t] = abs;
    }
    this.threads.length = kt.count;
    return out ?? (prev as readonly KernelThread[]);
  }

  private entriesOf(m: DipcImplMachine, prev: readonly Entry[] | undefined): readonly Entry[] {
    const procs = m.processes.list;
    return memoised(m.entries.entries, prev, this.entryMemo, (e) => stands(procs, e), entryOf);
  }

  private proxiesOf(m: DipcImplMachine, prev: readonly Proxy[] | undefined): readonly Proxy[] {
    const procs = m.processes.list;
    const live = (x: ProxyRecord): boolean => procs[x.caller].alive && procs[x.callee].alive && stands(procs, m.entries.entries[x.entry]);
    return memoised(m.entries.proxies, prev, this.proxyMemo, live, proxyOf);
  }
}

/** α from scratch (no previous snapshot): the reference the incremental abstractor must agree with. */
export const abstractDipc = (m: DipcImplMachine): DipcState => new DipcAbstractor().abstract(m);
