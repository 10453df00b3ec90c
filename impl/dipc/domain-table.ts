// What the kernel knows about each CODOMs tag (§5.2.2): in use or not, for what, and which
// process created it. Tags are handed out lowest-first by a bitmap allocator (O(1) lookup);
// tag 0 is the kernel's.
import { LowestFreeAllocator } from './id-allocator';

export const DOM_FREE = 0;
export const DOM_KERNEL = 1;
export const DOM_DEFAULT = 2;
export const DOM_CREATED = 3;
export const DOM_PROXY = 4;
/** A process's stack domain (§5.2.1): no APL names it, so only stack capabilities reach it. */
export const DOM_STACK = 5;

export const DOMAIN_KIND_NAMES = [undefined, 'kernel', 'default', 'created', 'proxy', 'stack'] as const;

export class DomainTable {
  readonly kind: Uint8Array;
  /** Creating pid, or -1 for the kernel. */
  readonly creator: Int32Array;
  readonly tags: LowestFreeAllocator;

  constructor(readonly capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.creator = new Int32Array(capacity).fill(-1);
    this.tags = new LowestFreeAllocator(capacity);
    if (capacity > 0) this.claim(0, DOM_KERNEL, -1);
  }

  /** The lowest free tag, or -1 (noTags). */
  freeTag(): number {
    return this.tags.peek();
  }

  /** The lowest free tag above `tag` (a second tag before taking the first), or -1. */
  freeTagAfter(tag: number): number {
    return this.tags.peekAfter(tag);
  }

  claim(tag: number, kind: number, creator: number): void {
    this.tags.take(tag);
    this.kind[tag] = kind;
    this.creator[tag] = creator;
  }
}
