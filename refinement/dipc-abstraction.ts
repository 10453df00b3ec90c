// The abstraction function α of the dIPC layer: the spec's DipcState that the dIPC impl's
// tables stand for. `hw` is the CODOMs α of the hardware; `os` is rebuilt from the kernel's
// typed arrays and records in the spec's canonical form (domains as a Map of the tags in
// use, policies as canonical arrays, `via` lists oldest first). The allocators' bitmaps and
// hints, the template cache, the per-domain page index, the proxy landing table, the
// block index of capabilities and the track_process_call caches (hot and warm paths) are
// invisible here: they may only make the impl faster. Entry and proxy liveness is derived
// from the processes (kill is the only thing that tears them down, entry-table.ts).
import type { AplPerm } from '../alphabet/config';
import type { HandlePerm } from '../alphabet/dipc-ops';
import { FREE_BLOCK, KERNEL_BLOCK_OWNER } from '../impl/dipc/address-space';
import { DOMAIN_KIND_NAMES } from '../impl/dipc/domain-table';
import { H_DOM, H_GRANT, type HandleTable, viaToArray } from '../impl/dipc/handle-table';
import type { DipcImplMachine } from '../impl/dipc/machine';
import { maskToPolicy } from '../impl/dipc/policy-mask';
import type { ImportSlot as ImplImport, ProcessRecord } from '../impl/dipc/processes';
import type { KcsFrame as ImplFrame } from '../impl/dipc/kcs';
import { ACT_SEND } from '../impl/dipc/ledger';
import type { CapId } from '../spec/state/capabilities';
import type { BlockOwner, DipcState, OsState } from '../spec/state/dipc';
import type { DomainInfo } from '../spec/state/domains';
import type { Handle } from '../spec/state/handles';
import type { ImportSlot } from '../spec/state/imports';
import type { KcsFrame, StackRegion } from '../spec/state/kcs';
import type { KernelThread } from '../spec/state/kernel-threads';
import type { LedgerRecord } from '../spec/state/ledger';
import type { Process } from '../spec/state/processes';
import { abstractImpl } from './abstraction';

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

const processOf = (p: ProcessRecord): Process => ({
  alive: p.alive,
  dipc: p.dipc,
  honest: p.honest,
  defaultDomain: p.defaultDomain,
  stackDomain: p.stackDomain,
  handles: handlesOf(p.handles),
  resource: p.resource,
  tls: p.tls,
  block: nullable(p.block),
  data: nullable(p.data),
  nextPage: p.nextPage,
  threadIds: new Map(p.threadIds),
  nextThreadId: p.nextThreadId,
  parent: nullable(p.parent),
  exports: [...p.exports],
  imports: p.imports.map(importOf),
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

const osOf = (m: DipcImplMachine): OsState => {
  const kt = m.kthreads;
  const alive = (pid: number): boolean => m.processes.list[pid].alive;
  const stands = (e: { owner: number; image: number }): boolean => alive(e.owner) && m.processes.list[e.owner].image === e.image;
  const domains = new Map<number, DomainInfo>();
  const d = m.domains;
  for (let tag = 0; tag < d.capacity; tag++) {
    const kind = DOMAIN_KIND_NAMES[d.kind[tag]];
    if (kind !== undefined) domains.set(tag, { kind, creator: nullable(d.creator[tag]) });
  }
  const g = m.grants;
  const grants = Array.from({ length: g.count }, (_, i) => ({
    src: g.src[i], dst: g.dst[i], perm: APL_PERMS[g.rank[i]], live: g.live[i] !== 0, by: g.by[i],
  }));
  const entries = m.entries.entries.map((e) => ({
    domain: e.domain,
    owner: e.owner,
    entries: e.points.map((pt) => ({ address: pt.address, signature: { ...pt.signature }, policy: maskToPolicy(pt.policy) })),
    live: stands(e),
  }));
  const proxies = m.entries.proxies.map((x) => ({
    domain: x.domain, entry: x.entry, slot: x.slot, address: x.address, returnPath: x.returnPath, signature: { ...x.signature },
    policy: maskToPolicy(x.template.policy), caller: x.caller, callee: x.callee, live: alive(x.caller) && alive(x.callee) && stands(m.entries.entries[x.entry]),
  }));
  const blockOwners: BlockOwner[] = Array.from(m.space.owners, (o) => (o === KERNEL_BLOCK_OWNER ? 'kernel' : o === FREE_BLOCK ? null : o));
  const l = m.ledger;
  const ledger: LedgerRecord[] = Array.from({ length: l.count }, (_, i) =>
    l.act[i] === ACT_SEND ? { act: 'send', from: l.a[i], to: l.b[i], handle: l.c[i] } : { act: 'grant', by: l.a[i], grant: l.b[i] },
  );
  return {
    blocks: m.config.blocks,
    blockPages: m.config.blockPages,
    maxProcesses: m.config.maxProcesses,
    maxThreads: kt.max,
    processes: m.processes.list.map(processOf),
    threads: threadsOf(m),
    domains,
    grants,
    entries,
    proxies,
    blockOwners,
    kernelNextPage: m.space.kernelNextPage,
    ledger,
  };
};

export const abstractDipc = (m: DipcImplMachine): DipcState => ({ config: m.config, hw: abstractImpl(m.hw), os: osOf(m) });
