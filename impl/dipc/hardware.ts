// The CODOMs machine under the dIPC kernel: the CODOMs impl, booted as the spec's dIPC boot
// describes it (every page of the global space unmapped, `maxDomains` tags, `maxThreads`
// dormant thread slots), plus the few privileged operations the kernel needs: map, retag
// and unmap pages, write an APL entry (with the impl's all-CPU shootdown), and set thread
// contexts. Unlike the CODOMs layer the page table changes, so the `entry` address selector
// reads a per-domain page index the kernel keeps current.
//
// Honest stubs are user code: each of their steps is a CODOMs instruction run with the
// rights of the code at ip, so the stub code calls the instruction ladders below, which
// check before they touch anything (a faulting step has no effect, §4). Registers and
// memory are 32-bit words, as in the CODOMs layer: the values stubs move (call arguments,
// results) are clamped by the typed arrays exactly as the spec clamps them with toWord.
import type { AddrSel } from '../../alphabet/address';
import { type Config, NUM_CAP_REGS, NUM_REGS, SP, STACK_CAP } from '../../alphabet/config';
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { Op } from '../../alphabet/ops';
import type { Output } from '../../alphabet/output';
import type { CapTable } from '../cap-table';
import { KIND_SYNC } from '../cap-table';
import { idx, RANK_READ, RANK_WRITE } from '../indices';
import { CodomsMachine } from '../machine';
import { PG_EXEC, PG_MAPPED, PG_PRIV, PG_READ, PG_WRITE } from '../page-table';
import { BlockIndexedCapTable } from './block-caps';
import { DomainPageIndex } from './domain-pages';

/** Page attribute sets the kernel maps. dIPC never maps capability-storage pages. */
export const pageFlags = (r: boolean, w: boolean, x: boolean, priv = false): number =>
  PG_MAPPED | (r ? PG_READ : 0) | (w ? PG_WRITE : 0) | (x ? PG_EXEC : 0) | (priv ? PG_PRIV : 0);
export const CODE_PAGE = pageFlags(true, false, true);
export const DATA_PAGE = pageFlags(true, true, false);
export const PROXY_PAGE = pageFlags(false, false, true, true);

/** The CODOMs config of the dIPC boot: the whole global space, unmapped; no APL entries. */
export const codomsConfigOf = (cfg: DipcConfig): Config => {
  const totalPages = Math.max(0, cfg.blocks * cfg.blockPages);
  const numCpus = Math.max(1, cfg.numCpus);
  const unmapped = { mapped: false, tag: 0, read: false, write: false, exec: false, priv: false, capStore: false };
  return {
    wordsPerPage: cfg.wordsPerPage,
    entryAlign: cfg.entryAlign,
    numDomains: cfg.maxDomains,
    numCpus: cfg.numCpus,
    dcsSize: cfg.dcsSize,
    pages: Array.from({ length: totalPages }, () => unmapped),
    apl: [],
    threads: Array.from({ length: Math.max(1, cfg.maxThreads) }, (_, i) => ({ ip: -1, sp: 0, cpu: i % numCpus })),
  };
};

/** A reusable absolute address selector (the stubs name proxies and buffers by address). */
const absSel = (): { k: 'abs'; a: number } => ({ k: 'abs', a: 0 });

export class DipcHardware extends CodomsMachine {
  readonly domainPages: DomainPageIndex;
  /** The capability table, indexed by block for revocation on release (block-caps.ts). */
  readonly blockCaps: BlockIndexedCapTable;
  /** Set by userReadWord: the word a stub's checked load read. */
  lastRead = 0;
  private readonly sel = absSel();

  constructor(cfg: DipcConfig) {
    super(codomsConfigOf(cfg));
    this.domainPages = new DomainPageIndex(this.numDomains);
    this.blockCaps = this.caps as BlockIndexedCapTable;
    this.blockCaps.configure(cfg.blocks, cfg.blockPages * this.wordsPerPage);
  }

  protected override makeCapTable(): CapTable {
    return new BlockIndexedCapTable();
  }

  /** `entry`: the i-th entry-aligned address of domain d's current pages (page d when it has none). */
  protected override resolveAddress(t: number, sel: AddrSel): number {
    if (sel.k !== 'entry') return super.resolveAddress(t, sel);
    const W = this.wordsPerPage;
    const own = this.domainPages.pagesOf(idx(sel.d, this.numDomains));
    const perPage = Math.ceil(W / this.entryAlign);
    const k = idx(sel.i, (own.length > 0 ? own.length : 1) * perPage);
    const page = own.length > 0 ? own[Math.floor(k / perPage)] : idx(sel.d, this.pages.count);
    return page * W + (k % perPage) * this.entryAlign + sel.o;
  }

  /** The address `sel` names for thread t (syscall arguments). */
  address(t: number, sel: AddrSel): number {
    return this.resolveAddress(t, sel);
  }

  /** Pages [first, first+n) get `tag` and `flags` (flags 0: unmapped, tag 0, as the spec's UNMAPPED). */
  mapPages(first: number, n: number, tag: number, flags: number): void {
    const pt = this.pages;
    const from = Math.max(0, first);
    const to = Math.min(pt.count, first + n);
    for (let p = from; p < to; p++) {
      if (pt.flags[p] & PG_MAPPED) this.domainPages.remove(pt.tag[p], p);
      pt.tag[p] = tag;
      pt.flags[p] = flags;
      if (flags & PG_MAPPED) this.domainPages.add(tag, p);
    }
  }

  /** Retag mapped pages [first, first+n) to `tag`, keeping their bits (dom_remap). */
  retagPages(first: number, n: number, tag: number): void {
    const pt = this.pages;
    for (let p = first; p < first + n; p++) {
      this.domainPages.remove(pt.tag[p], p);
      pt.tag[p] = tag;
      this.domainPages.add(tag, p);
    }
  }

  /** Page p exists, is mapped and carries `tag`. */
  pageOfDomain(p: number, tag: number): boolean {
    return p >= 0 && p < this.pages.count && (this.pages.flags[p] & PG_MAPPED) !== 0 && this.pages.tag[p] === tag;
  }

  pageIsExec(p: number): boolean {
    return (this.pages.flags[p] & PG_EXEC) !== 0;
  }

  /** APL[src][dst] = rank, with every CPU's cached copy of row src shot down (§4.3). */
  writeApl(t: number, src: number, dst: number, rank: number): void {
    this.aplSet(t, src, dst, rank);
  }

  /** Thread t's ip is on a mapped executable page (it can issue an instruction). */
  canFetch(t: number): boolean {
    return this.fetchDomain(t) >= 0;
  }

  /** The domain thread t executes in (the tag of ip's page), -1 when it cannot fetch. */
  codeDomain(t: number): number {
    return this.fetchDomain(t);
  }

  /** Code of domain `from` in thread t could call, jump or return to `a` (§4.1). */
  controlReachable(t: number, from: number, a: number): boolean {
    return from >= 0 && this.checkControlTarget(t, from, a) === null;
  }

  /** Run one CODOMs instruction for an already resolved thread; a fault is counted. */
  run(t: number, op: Op): Output {
    const out = this.execute(t, op);
    if (out.out === 'fault') this.threads.faults[t]++;
    return out;
  }

  setR0(t: number, v: number): void {
    this.threads.regs[t * NUM_REGS] = v;
  }

  // ---- User instructions of the honest stubs: each returns its fault, or null. ----

  private faultOf(out: Output): Output | null {
    return out.out === 'fault' ? out : null;
  }

  /** `cap_create c <- [a, a+len) read sync` (a DCS argument over a buffer). */
  userCapCreateRead(t: number, c: number, a: number, len: number): Output | null {
    this.sel.a = a;
    return this.faultOf(this.capCreate(t, c, this.sel, len, 'read', 'sync'));
  }

  /** `cap_derive c <- s[off, off+len) write sync` (stack integrity). */
  userCapDeriveWrite(t: number, c: number, s: number, off: number, len: number): Output | null {
    return this.faultOf(this.capDerive(t, c, s, off, len, 'write', 'sync'));
  }

  userCapClear(t: number, c: number): Output | null {
    return this.faultOf(this.capClear(t, c));
  }

  userCapRevoke(t: number, c: number): Output | null {
    return this.faultOf(this.capRevoke(t, c));
  }

  userCapPush(t: number, c: number): Output | null {
    return this.faultOf(this.capPush(t, c));
  }

  userCapPop(t: number, c: number): Output | null {
    return this.faultOf(this.capPop(t, c));
  }

  userCall(t: number, target: number): Output | null {
    this.sel.a = target;
    return this.faultOf(this.call(t, this.sel));
  }

  userRet(t: number): Output | null {
    return this.faultOf(this.ret(t));
  }

  /** `sub sp, 1; store v -> [sp]`: fetch, then the store's data rule. */
  userPush(t: number, v: number): Output | null {
    const spAt = t * NUM_REGS + SP;
    const a = this.threads.regs[spAt] - 1;
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, from, a, RANK_WRITE);
    if (f !== null) return f;
    this.threads.regs[spAt] = a;
    this.memory.words[a] = v;
    return null;
  }

  /** `load r <- [sp]; add sp, 1`: fetch, then the load's data rule. */
  userPop(t: number, r: number): Output | null {
    const spAt = t * NUM_REGS + SP;
    const a = this.threads.regs[spAt];
    const from = this.fetchDomain(t);
    if (from < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, from, a, RANK_READ);
    if (f !== null) return f;
    this.threads.regs[t * NUM_REGS + r] = this.memory.words[a];
    this.threads.regs[spAt] = a + 1;
    return null;
  }

  /** `load tmp <- [from]; store tmp -> [to]` (argument copy): both checked, read first. */
  userCopyWord(t: number, from: number, to: number): Output | null {
    const dom = this.fetchDomain(t);
    if (dom < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, dom, from, RANK_READ) ?? this.checkDataAccess(t, dom, to, RANK_WRITE);
    if (f !== null) return f;
    this.memory.words[to] = this.memory.words[from];
    return null;
  }

  /** `load tmp <- [a]`, the value left in lastRead. */
  userReadWord(t: number, a: number): Output | null {
    const dom = this.fetchDomain(t);
    if (dom < 0) return this.fetchFault(t);
    const f = this.checkDataAccess(t, dom, a, RANK_READ);
    if (f !== null) return f;
    this.lastRead = this.memory.words[a];
    return null;
  }

  /** The base of the capability in register c of t (0 when empty): where stubs aim. */
  capBaseIn(t: number, c: number): number {
    const id = this.threads.capRegs[t * NUM_CAP_REGS + c];
    return id < 0 || id >= this.caps.count ? 0 : this.caps.base[id];
  }

  // ---- Kernel operations on threads, memory and capabilities. ----

  /** A kernel-made sync capability owned by thread `owner`, a root of the derivation tree. */
  kernelCap(base: number, length: number, write: boolean, owner: number, creatorTag: number): number {
    return this.caps.add(-1, base, length, write ? RANK_WRITE : RANK_READ, KIND_SYNC, owner, creatorTag);
  }

  /** Zero the words and empty the capability slots of [lo, hi) (a released block). */
  wipe(lo: number, hi: number): void {
    this.memory.words.fill(0, lo, hi);
    this.memory.capSlots.fill(-1, lo, hi);
  }

  /** Thread `to` becomes an exact copy of `from` (a time-out split), then runs on `cpu`. */
  cloneThread(from: number, to: number, cpu: number): void {
    const th = this.threads;
    th.regs.copyWithin(to * NUM_REGS, from * NUM_REGS, (from + 1) * NUM_REGS);
    th.ip[to] = th.ip[from];
    th.capRegs.copyWithin(to * NUM_CAP_REGS, from * NUM_CAP_REGS, (from + 1) * NUM_CAP_REGS);
    const D = this.dcsSize;
    th.dcs.copyWithin(to * D, from * D, from * D + th.dcsTop[from]);
    th.dcsTop[to] = th.dcsTop[from];
    th.dcsBase[to] = th.dcsBase[from];
    th.faults[to] = th.faults[from];
    th.cpu[to] = cpu;
  }

  /** A clean context: registers 0 but sp, no capabilities but the stack's in c7 (-1: none), empty DCS, no faults. */
  startThread(t: number, ip: number, sp: number, stackCap: number, cpu: number): void {
    const th = this.threads;
    th.regs.fill(0, t * NUM_REGS, (t + 1) * NUM_REGS);
    th.regs[t * NUM_REGS + SP] = sp;
    th.ip[t] = ip;
    th.capRegs.fill(-1, t * NUM_CAP_REGS, (t + 1) * NUM_CAP_REGS);
    th.capRegs[t * NUM_CAP_REGS + STACK_CAP] = stackCap;
    th.dcsTop[t] = 0;
    th.dcsBase[t] = 0;
    th.cpu[t] = cpu;
    th.faults[t] = 0;
  }

  /** fork: thread `to` becomes a copy of `from` (r0 = 0 in the copy), on `cpu`, with no faults. */
  forkThread(from: number, to: number, cpu: number): void {
    this.cloneThread(from, to, cpu);
    this.threads.regs[to * NUM_REGS] = 0;
    this.threads.faults[to] = 0;
  }
}
