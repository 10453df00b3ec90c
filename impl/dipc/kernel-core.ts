// The dIPC kernel's state (docs/dipc-model.md "State", DESIGN §9): the CODOMs hardware and
// the kernel's tables, each in its own file, plus what every system call needs first:
// finding a handle in the caller's table (indices resolved modulo its size, like every op
// index) and taking pages from the caller's block. Components are built by protected
// factory methods so that a variant (a mutant) can substitute one.
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { DipcError } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import { GlobalAddressSpace } from './address-space';
import { DomainTable } from './domain-table';
import { EntryTable } from './entry-table';
import { GrantTable } from './grant-table';
import { H_DOM, H_ENTRY, H_GRANT } from './handle-table';
import { DipcHardware } from './hardware';
import { LowestFreeAllocator } from './id-allocator';
import { KernelThreadTable } from './kernel-threads';
import { Ledger } from './ledger';
import { ProcessTable } from './processes';
import { TemplateCache } from './proxy-templates';

/** A system call's result: the value for r0, or why it was refused (and nothing changed). */
export type SysResult = number | DipcError;
export const refused = <T>(r: T | DipcError): r is DipcError => typeof r === 'string';

export class KernelCore {
  readonly config: DipcConfig;
  readonly hw: DipcHardware;
  readonly processes: ProcessTable;
  readonly kthreads: KernelThreadTable;
  readonly domains: DomainTable;
  readonly space: GlobalAddressSpace;
  readonly grants = new GrantTable();
  readonly entries: EntryTable;
  readonly templates = new TemplateCache();
  readonly ledger = new Ledger();

  constructor(cfg: DipcConfig) {
    this.config = cfg;
    this.hw = this.makeHardware(cfg);
    this.processes = new ProcessTable(cfg.maxProcesses);
    this.kthreads = new KernelThreadTable(Math.max(1, cfg.maxThreads));
    this.domains = new DomainTable(this.hw.numDomains);
    this.space = new GlobalAddressSpace(cfg.blocks, cfg.blockPages, this.makeBlockAllocator(Math.max(0, cfg.blocks)));
    this.entries = new EntryTable(cfg.blockPages * this.hw.wordsPerPage);
  }

  protected makeHardware(cfg: DipcConfig): DipcHardware {
    return new DipcHardware(cfg);
  }

  protected makeBlockAllocator(blocks: number): LowestFreeAllocator {
    return new LowestFreeAllocator(blocks);
  }

  /** Handle number h of process pid resolved modulo the table size, or -1 when the table is empty. */
  protected handleIndex(pid: number, h: number): number {
    return resolveIndex(h, this.processes.list[pid].handles.count);
  }

  /** The resolved index of a handle of `kind` at h, or -1. */
  protected handleOfKind(pid: number, h: number, kind: number): number {
    const i = this.handleIndex(pid, h);
    return i >= 0 && this.processes.list[pid].handles.kind[i] === kind ? i : -1;
  }

  /** A domain handle whose domain still exists (it disappears with the process that created it), or -1. */
  protected domHandle(pid: number, h: number): number {
    const i = this.handleOfKind(pid, h, H_DOM);
    return i >= 0 && this.domainAlive(this.processes.list[pid].handles.ref[i]) ? i : -1;
  }

  /** A tag's creator is alive (the kernel's tags always are). */
  protected domainAlive(tag: number): boolean {
    const creator = this.domains.creator[tag];
    return creator < 0 || this.processes.list[creator].alive;
  }

  protected grantHandle(pid: number, h: number): number {
    return this.handleOfKind(pid, h, H_GRANT);
  }

  protected entryHandle(pid: number, h: number): number {
    return this.handleOfKind(pid, h, H_ENTRY);
  }

  /** Whether n pages still fit in pid's block (the last rung before takePages). */
  protected pagesFit(pid: number, n: number): boolean {
    const p = this.processes.list[pid];
    return p.block >= 0 && p.nextPage + n <= this.space.blockPages;
  }

  /** Sub-allocate n pages of pid's block with its cursor (§6.1.3); they must fit. Returns the first page. */
  protected takePages(pid: number, n: number): number {
    const p = this.processes.list[pid];
    const first = this.space.firstPageOf(p.block) + p.nextPage;
    p.nextPage += n;
    return first;
  }

  /** Tag `tag` is now in use, of `kind`, created by pid (-1: the kernel); kill finds it through the creator. */
  protected claimTag(tag: number, kind: number, pid: number): void {
    this.domains.claim(tag, kind, pid);
    if (pid >= 0) this.processes.list[pid].tags.push(tag);
  }

  /** Pages of each data stack (2 when the config does not say). */
  protected get stackPages(): number {
    return this.config.stackPages ?? 2;
  }
}
