// Lowest-first allocation of small integer ids (domain tags, blocks of the global address
// space, §6.1.3), the way a kernel keeps free bits: a bitmap of 32 ids per word plus a hint
// that is always the lowest free id. Looking up the free id is O(1) (the hint); taking it
// moves the hint to the next free bit, scanning whole words with clz32, so allocation is
// O(1) amortised while ids are only handed out (each word is passed once); a release only
// lowers the hint. First fit is what the spec's "first free" means, so the ids are the same.
export class LowestFreeAllocator {
  /** Bit set = id free. */
  protected readonly free: Uint32Array;
  /** The lowest free id, or `capacity` when none is free. */
  protected hint = 0;
  allocations = 0;
  releases = 0;
  /** Full words the hint had to skip: what the scan costs. */
  wordsScanned = 0;

  constructor(readonly capacity: number) {
    const n = Math.max(0, capacity);
    this.free = new Uint32Array(Math.ceil(n / 32));
    for (let w = 0; w < this.free.length; w++) {
      const bits = Math.min(32, n - w * 32);
      this.free[w] = bits === 32 ? 0xffffffff : (1 << bits) - 1;
    }
    this.hint = n > 0 ? 0 : n;
  }

  isFree(id: number): boolean {
    return id >= 0 && id < this.capacity && (this.free[id >>> 5] & (1 << (id & 31))) !== 0;
  }

  /** The lowest free id, or -1. O(1). */
  peek(): number {
    return this.hint < this.capacity ? this.hint : -1;
  }

  /** The lowest free id above `id`, or -1 (peeking at the next allocation without taking one). */
  peekAfter(id: number): number {
    const next = this.hintAfter(id);
    return next < this.capacity ? next : -1;
  }

  /** Mark a free `id` in use (what peek returned, or an id reserved at boot). */
  take(id: number): void {
    if (!this.isFree(id)) return;
    this.free[id >>> 5] &= ~(1 << (id & 31));
    this.allocations++;
    if (id === this.hint) this.hint = this.hintAfter(id);
  }

  /** The lowest free id, taken; -1 when none is left. */
  allocate(): number {
    const id = this.peek();
    if (id >= 0) this.take(id);
    return id;
  }

  release(id: number): void {
    if (id < 0 || id >= this.capacity || this.isFree(id)) return;
    this.free[id >>> 5] |= 1 << (id & 31);
    if (id < this.hint) this.hint = id;
    this.releases++;
  }

  /** The new hint once `taken` (the old hint) is in use: the next free id above it. */
  protected hintAfter(taken: number): number {
    const words = this.free;
    const start = taken + 1;
    let w = start >>> 5;
    if (w >= words.length) return this.capacity;
    let word = words[w] & (start & 31 ? ~((1 << (start & 31)) - 1) : 0xffffffff);
    while (word === 0) {
      if (++w >= words.length) return this.capacity;
      this.wordsScanned++;
      word = words[w];
    }
    const id = w * 32 + (31 - Math.clz32(word & -word));
    return id < this.capacity ? id : this.capacity;
  }
}
