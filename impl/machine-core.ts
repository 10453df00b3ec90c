// The state of the efficient CODOMs machine (DESIGN §9) and what every instruction needs
// first: resolving its address selector and finding the domain it executes in. The
// components are built by protected factory methods so that a variant (a mutant) can
// substitute one of them without touching this code.
import type { AddrSel } from '../alphabet/address';
import { type Config, NUM_CAP_REGS, NUM_REGS, SP } from '../alphabet/config';
import { fault, type Output } from '../alphabet/output';
import { AplCacheSet } from './apl-cache';
import { AplTable } from './apl-table';
import { CapTable } from './cap-table';
import { idx } from './indices';
import { Memory } from './memory';
import { PG_EXEC, PageTable } from './page-table';
import { ThreadFile } from './thread-file';

export class MachineCore {
  readonly wordsPerPage: number;
  readonly entryAlign: number;
  readonly numDomains: number;
  readonly numCpus: number;
  readonly dcsSize: number;
  readonly pages: PageTable;
  readonly memory: Memory;
  readonly apl: AplTable;
  readonly aplCache: AplCacheSet;
  readonly caps: CapTable;
  readonly threads: ThreadFile;

  constructor(cfg: Config) {
    this.numDomains = Math.max(1, cfg.numDomains);
    this.wordsPerPage = Math.max(1, cfg.wordsPerPage);
    this.entryAlign = Math.max(1, cfg.entryAlign);
    this.numCpus = Math.max(1, cfg.numCpus);
    this.dcsSize = Math.max(1, cfg.dcsSize);
    this.pages = new PageTable(this.wordsPerPage, this.entryAlign, this.numDomains, cfg.pages);
    this.memory = new Memory(this.pages.limit);
    this.apl = new AplTable(this.numDomains);
    for (const e of cfg.apl) {
      const rank = e.perm === 'write' ? 3 : e.perm === 'read' ? 2 : e.perm === 'call' ? 1 : 0;
      this.apl.set(this.configIndex(e.src, this.numDomains), this.configIndex(e.dst, this.numDomains), rank);
    }
    this.aplCache = this.makeAplCache(this.numCpus, this.apl);
    this.caps = this.makeCapTable();
    this.threads = new ThreadFile(cfg.threads, this.dcsSize, this.numCpus);
  }

  protected makeAplCache(numCpus: number, apl: AplTable): AplCacheSet {
    return new AplCacheSet(numCpus, apl);
  }

  protected makeCapTable(): CapTable {
    return new CapTable();
  }

  /** Config values are not op fields: resolve them with the full rule (non-integers -> 0). */
  private configIndex(n: number, count: number): number {
    return Number.isSafeInteger(n) ? idx(n, count) : 0;
  }

  /** The address an op's selector names, for thread t (see alphabet/address.ts). */
  protected resolveAddress(t: number, sel: AddrSel): number {
    switch (sel.k) {
      case 'abs':
        return sel.a;
      case 'page':
        return idx(sel.p, this.pages.count) * this.wordsPerPage + sel.o;
      case 'entry':
        return this.pages.entryAddress(sel.d, sel.i, this.numDomains) + sel.o;
      case 'capBase': {
        const id = this.threads.capRegs[t * NUM_CAP_REGS + idx(sel.c, NUM_CAP_REGS)];
        return (id < 0 ? 0 : this.caps.base[id]) + sel.o;
      }
      case 'capEnd': {
        const id = this.threads.capRegs[t * NUM_CAP_REGS + idx(sel.c, NUM_CAP_REGS)];
        return (id < 0 ? 0 : this.caps.base[id] + this.caps.length[id]) + sel.o;
      }
      case 'reg':
        return this.threads.regs[t * NUM_REGS + idx(sel.r, NUM_REGS)] + sel.o;
      case 'stack':
        return this.threads.regs[t * NUM_REGS + SP] + sel.o;
      case 'capPage':
        return this.pages.capPageAddress(sel.i, sel.o);
      case 'code': {
        const W = this.wordsPerPage;
        const perPage = Math.ceil(W / this.entryAlign);
        return Math.floor(this.threads.ip[t] / W) * W + idx(sel.i, perPage) * this.entryAlign + sel.o;
      }
    }
    return Number.NaN; // unreachable for a well-formed op; NaN is on no page
  }

  /** The domain thread t executes in (the tag of ip's page), or -1 when ip is not on a mapped executable page. */
  protected fetchDomain(t: number): number {
    const p = this.pages.pageIndexOf(this.threads.ip[t]);
    return p >= 0 && this.pages.flags[p] & PG_EXEC ? this.pages.tag[p] : -1;
  }

  protected fetchFault(t: number): Output {
    return fault('fetch', this.threads.ip[t]);
  }
}
