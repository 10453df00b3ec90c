// Making processes and primary threads (§5.2.1, §6.1.3), shared by boot, spawn,
// thread_create, fork and exec: a process gets a default domain, a stack domain and a block
// with its image (code pages, then data pages, in its default domain); a thread gets the
// next kernel slot and a data stack of its own: stackPages pages of its process's block in
// the stack domain, reached through a sync write capability the kernel makes for it (c7).
import type { DipcError } from '../../alphabet/output';
import { DOM_DEFAULT, DOM_STACK } from './domain-table';
import { CODE_PAGE, DATA_PAGE } from './hardware';
import type { StackRegion } from './kcs';
import { KernelCore } from './kernel-core';
import { ProcessRecord } from './processes';

/** First code page and first data page (-1: none) of a loaded image. */
export interface Image {
  readonly code: number;
  readonly data: number;
}

/** The kernel's tag: capabilities the kernel makes for stacks record it as creator. */
export const KERNEL_TAG = 0;

export class Lifecycle extends KernelCore {
  /** A new dIPC process with a default domain, a stack domain and a loaded image. Rungs: noProcess, noMemory, noTags (two tags). */
  protected createProcess(honest: boolean, codePages: number, dataPages: number, parent: number): (Image & { pid: number }) | DipcError {
    if (!this.processes.hasRoom()) return 'noProcess';
    const block = this.space.freeBlock();
    if (block < 0) return 'noMemory';
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    const stackTag = this.domains.freeTagAfter(tag);
    if (stackTag < 0) return 'noTags';
    const pid = this.processes.count;
    const p = new ProcessRecord(honest, 100 + pid, parent);
    p.defaultDomain = tag;
    p.stackDomain = stackTag;
    this.processes.add(p);
    this.claimTag(tag, DOM_DEFAULT, pid);
    this.claimTag(stackTag, DOM_STACK, pid);
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
    p.data = -1;
    const nCode = Math.min(codePages, space.blockPages);
    if (!this.pagesFit(pid, nCode)) return { code: space.firstPageOf(block), data: -1 };
    const code = this.takePages(pid, nCode);
    this.hw.mapPages(code, nCode, p.defaultDomain, CODE_PAGE);
    const nData = Math.min(dataPages, space.blockPages - nCode);
    if (!(nData > 0) || !this.pagesFit(pid, nData)) return { code, data: -1 };
    const data = this.takePages(pid, nData);
    this.hw.mapPages(data, nData, p.defaultDomain, DATA_PAGE);
    p.data = data * this.hw.wordsPerPage;
    return { code, data };
  }

  /**
   * Release a block: unmap its pages, wipe their words and capability slots, and revoke every
   * capability reaching into it, so whoever gets the block next inherits nothing.
   */
  protected releaseBlock(block: number): void {
    const W = this.hw.wordsPerPage;
    const first = this.space.firstPageOf(block);
    this.space.release(block);
    this.hw.mapPages(first, this.space.blockPages, 0, 0);
    this.hw.wipe(first * W, (first + this.space.blockPages) * W);
    this.hw.blockCaps.revokeBlock(block);
  }

  /** A data stack for thread t in pid: stackPages pages of pid's block in its stack domain, and t's capability to it. Null: noMemory. */
  protected allocStack(t: number, pid: number): StackRegion | null {
    const n = this.stackPages;
    if (!this.pagesFit(pid, n)) return null;
    const p = this.processes.list[pid];
    const first = this.takePages(pid, n);
    const W = this.hw.wordsPerPage;
    this.hw.mapPages(first, n, p.stackDomain, DATA_PAGE);
    const cap = this.hw.kernelCap(first * W, n * W, true, t, KERNEL_TAG);
    return { first: first * W, words: n * W, cap };
  }

  /** A new primary thread at home in pid, starting at ip on a fresh stack. Errors: noThreads, noMemory. */
  protected spawnThread(pid: number, ip: number): number | DipcError {
    const index = this.kthreads.count;
    if (index >= this.kthreads.max || index >= this.hw.threads.count) return 'noThreads';
    const region = this.allocStack(index, pid);
    if (region === null) return 'noMemory';
    const p = this.processes.list[pid];
    const kt = this.kthreads;
    kt.add(pid, p.tls, p.resource);
    kt.stacks[index].set(pid, region);
    kt.warm[index].set(pid, p.nameThread(index));
    this.hw.startThread(index, ip, region.first + region.words, region.cap, index % this.hw.numCpus);
    return index;
  }
}
