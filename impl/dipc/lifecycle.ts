// Making processes and primary threads (§5.2.1, §6.1.3), shared by boot, spawn,
// thread_create, fork and exec: a process gets a default domain and a block with its image
// (code pages, then data pages, in its default domain); a thread gets the next kernel slot.
import type { DipcError } from '../../alphabet/output';
import { DOM_DEFAULT } from './domain-table';
import { CODE_PAGE, DATA_PAGE } from './hardware';
import { KernelCore, refused } from './kernel-core';
import { ProcessRecord } from './processes';

/** First code page and first data page (-1: none) of a loaded image. */
export interface Image {
  readonly code: number;
  readonly data: number;
}

export class Lifecycle extends KernelCore {
  /** A new dIPC process with a default domain and a loaded image. Rungs: noProcess, noMemory, noTags. */
  protected createProcess(honest: boolean, codePages: number, dataPages: number, parent: number): (Image & { pid: number }) | DipcError {
    if (!this.processes.hasRoom()) return 'noProcess';
    const block = this.space.freeBlock();
    if (block < 0) return 'noMemory';
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    const pid = this.processes.count;
    const p = new ProcessRecord(honest, 100 + pid, parent);
    p.defaultDomain = tag;
    this.processes.add(p);
    this.domains.claim(tag, DOM_DEFAULT, pid);
    const img = this.loadImage(pid, block, codePages, dataPages);
    return { pid, code: img.code, data: img.data };
  }

  /** Give pid the free block `block`: code pages then data pages in its default domain. */
  protected loadImage(pid: number, block: number, codePages: number, dataPages: number): Image {
    const p = this.processes.list[pid];
    const space = this.space;
    space.assign(block, pid);
    p.block = block;
    p.nextPage = 0;
    p.tls = space.firstPageOf(block) * this.hw.wordsPerPage;
    p.dipc = true;
    const nCode = Math.min(codePages, space.blockPages);
    if (!this.pagesFit(pid, nCode)) return { code: space.firstPageOf(block), data: -1 };
    const code = this.takePages(pid, nCode);
    this.hw.mapPages(code, nCode, p.defaultDomain, CODE_PAGE);
    const nData = Math.min(dataPages, space.blockPages - nCode);
    if (!(nData > 0) || !this.pagesFit(pid, nData)) return { code, data: -1 };
    const data = this.takePages(pid, nData);
    this.hw.mapPages(data, nData, p.defaultDomain, DATA_PAGE);
    return { code, data };
  }

  /** Unmap every page of a block and mark it free. */
  protected releaseBlock(block: number): void {
    this.space.release(block);
    this.hw.mapPages(this.space.firstPageOf(block), this.space.blockPages, 0, 0);
  }

  /** The next thread slot, now a primary thread at home in pid (its context is the caller's to set), or -1. */
  protected createThread(pid: number): number {
    if (!this.kthreads.hasRoom() || this.kthreads.count >= this.hw.threads.count) return -1;
    const t = this.kthreads.add(pid);
    this.processes.list[pid].nameThread(t);
    return t;
  }

  /** docs/dipc-model.md "Boot": processes that do not fit (slots, blocks, tags) are left out. */
  protected boot(): void {
    for (const pc of this.config.processes) {
      const made = this.createProcess(pc.honest, pc.codePages, pc.dataPages, -1);
      if (refused(made)) continue;
      for (let i = 0; i < pc.threads; i++) {
        const t = this.createThread(made.pid);
        if (t < 0) continue;
        this.hw.startThread(t, made.code * this.hw.wordsPerPage, this.stackPointerIn(made.data), t % this.hw.numCpus);
      }
    }
  }
}
