// The global virtual address space (§6.1.3): `blocks` blocks of `blockPages` pages. Every
// dIPC process owns one block and sub-allocates pages from it with a cursor (kept on the
// process); block 0 is the kernel's and holds the proxy pages, handed out with its own
// cursor. Free blocks come from a lowest-first allocator, so finding one is O(1).
import { LowestFreeAllocator } from './id-allocator';

export const KERNEL_BLOCK_OWNER = -2;
export const FREE_BLOCK = -1;

export class GlobalAddressSpace {
  /** Owner pid of each block, FREE_BLOCK or KERNEL_BLOCK_OWNER. */
  readonly owners: Int32Array;
  /** Next free page of the kernel block (proxy pages). */
  kernelNextPage = 0;

  constructor(
    readonly blocks: number,
    readonly blockPages: number,
    readonly allocator: LowestFreeAllocator,
  ) {
    this.owners = new Int32Array(Math.max(0, blocks)).fill(FREE_BLOCK);
    if (blocks > 0) {
      this.owners[0] = KERNEL_BLOCK_OWNER;
      allocator.take(0);
    }
  }

  /** The lowest free block, or -1 (§6.1.3: exhaustion is an error, never a crash). */
  freeBlock(): number {
    return this.allocator.peek();
  }

  assign(block: number, pid: number): void {
    this.allocator.take(block);
    this.owners[block] = pid;
  }

  release(block: number): void {
    this.owners[block] = FREE_BLOCK;
    this.allocator.release(block);
  }

  firstPageOf(block: number): number {
    return block * this.blockPages;
  }

  /** Take `n` pages of the kernel block: the first one's index, or -1 when they do not fit. */
  takeKernelPages(n: number): number {
    if (this.kernelNextPage + n > this.blockPages) return -1;
    const first = this.kernelNextPage;
    this.kernelNextPage += n;
    return first;
  }
}
