// The CODOMs machine under the dIPC kernel: the CODOMs impl, booted as the spec's dIPC boot
// describes it (every page of the global space unmapped, `maxDomains` tags, `maxThreads`
// dormant thread slots), plus the few privileged operations the kernel needs: map, retag
// and unmap pages, write an APL entry (with the impl's all-CPU shootdown), and set thread
// contexts. Unlike the CODOMs layer the page table changes, so the `entry` address selector
// reads a per-domain page index the kernel keeps current.
import type { AddrSel } from '../../alphabet/address';
import { type Config, NUM_CAP_REGS, NUM_REGS, SP } from '../../alphabet/config';
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { Op } from '../../alphabet/ops';
import { fault, type Output } from '../../alphabet/output';
import { idx } from '../indices';
import { CodomsMachine } from '../machine';
import { PG_EXEC, PG_MAPPED, PG_PRIV, PG_READ, PG_WRITE } from '../page-table';
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

export class DipcHardware extends CodomsMachine {
  readonly domainPages: DomainPageIndex;

  constructor(cfg: DipcConfig) {
    super(codomsConfigOf(cfg));
    this.domainPages = new DomainPageIndex(this.numDomains);
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

  /** A syscall from an ip that cannot be fetched: the fault is counted like a crash. */
  fetchFaultOnSyscall(t: number): Output {
    const out = fault('fetch', this.threads.ip[t]);
    this.threads.faults[t]++;
    return out;
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

  /** A clean context: registers 0 but sp, no capabilities, empty DCS, no faults. */
  startThread(t: number, ip: number, sp: number, cpu: number): void {
    const th = this.threads;
    th.regs.fill(0, t * NUM_REGS, (t + 1) * NUM_REGS);
    th.regs[t * NUM_REGS + SP] = sp;
    th.ip[t] = ip;
    th.capRegs.fill(-1, t * NUM_CAP_REGS, (t + 1) * NUM_CAP_REGS);
    th.dcsTop[t] = 0;
    th.dcsBase[t] = 0;
    th.cpu[t] = cpu;
    th.faults[t] = 0;
  }

  /** fork: thread `to` becomes a copy of `from` (r0 = 0 in the copy), on `cpu`, with no faults. */
  forkThread(from: number, to: number, cpu: number): void {
    const th = this.threads;
    th.regs.copyWithin(to * NUM_REGS, from * NUM_REGS, (from + 1) * NUM_REGS);
    th.regs[to * NUM_REGS] = 0;
    th.ip[to] = th.ip[from];
    th.capRegs.copyWithin(to * NUM_CAP_REGS, from * NUM_CAP_REGS, (from + 1) * NUM_CAP_REGS);
    const D = this.dcsSize;
    th.dcs.copyWithin(to * D, from * D, from * D + th.dcsTop[from]);
    th.dcsTop[to] = th.dcsTop[from];
    th.dcsBase[to] = th.dcsBase[from];
    th.cpu[to] = cpu;
    th.faults[to] = 0;
  }
}
