// The per-CPU APL cache (§4.3, DESIGN §3): 32 entries, each holding a copy of one domain's
// APL row under a 5-bit hardware tag. A miss is a software refill from the in-memory APLs
// (AplTable). The copy is what the access check reads, so the cache must be kept coherent:
// an APL change on any CPU shoots down the changed row in every CPU's cache, like a TLB
// shootdown IPI. A missed shootdown is a real stale-entry bug (see mutants/).
import type { AplTable } from './apl-table';

export const APL_CACHE_ENTRIES = 32;
export const HW_TAG_BITS = 5;
const HW_TAG_MASK = (1 << HW_TAG_BITS) - 1;

/** One CPU's cache. The hardware tag of an entry is its index (0..31). */
export class AplCache {
  /** The domain tag cached under each hardware tag, or -1. */
  readonly domainOf = new Int32Array(APL_CACHE_ENTRIES).fill(-1);
  /** The hardware tag a domain is cached under, or -1 (the CAM lookup, as an index). */
  readonly hwTagOf: Int8Array;
  /** The cached copies of the APL rows, one per hardware tag, allocated on first refill. */
  readonly rows: (Uint8Array | undefined)[] = new Array(APL_CACHE_ENTRIES).fill(undefined);
  private victim = 0;
  hits = 0;
  misses = 0;
  refills = 0;
  invalidations = 0;

  constructor(private readonly numDomains: number) {
    this.hwTagOf = new Int8Array(numDomains).fill(-1);
  }

  /** The cached APL row of `tag`, refilled from `apl` on a miss. */
  lookup(tag: number, apl: AplTable): Uint8Array {
    const hw = this.hwTagOf[tag];
    if (hw >= 0) {
      this.hits++;
      return this.rows[hw] as Uint8Array;
    }
    this.misses++;
    return this.refill(tag, apl);
  }

  /** Software refill: evict round-robin, copy the row from memory. */
  protected refill(tag: number, apl: AplTable): Uint8Array {
    const hw = this.victim;
    this.victim = (hw + 1) & HW_TAG_MASK;
    const old = this.domainOf[hw];
    if (old >= 0) this.hwTagOf[old] = -1;
    let row = this.rows[hw];
    if (row === undefined) row = this.rows[hw] = new Uint8Array(this.numDomains);
    row.set(apl.row(tag));
    this.domainOf[hw] = tag;
    this.hwTagOf[tag] = hw;
    this.refills++;
    return row;
  }

  /** Drop the entry of `tag`, if cached. */
  invalidate(tag: number): void {
    const hw = this.hwTagOf[tag];
    if (hw < 0) return;
    this.hwTagOf[tag] = -1;
    this.domainOf[hw] = -1;
    this.invalidations++;
  }
}

/** The caches of all CPUs, created on a CPU's first lookup. */
export class AplCacheSet {
  readonly cpus: (AplCache | undefined)[];

  constructor(
    numCpus: number,
    protected readonly apl: AplTable,
  ) {
    this.cpus = new Array(numCpus).fill(undefined);
  }

  /** The APL row of domain `tag` as seen by code running on `cpu`. */
  rowFor(cpu: number, tag: number): Uint8Array {
    let c = this.cpus[cpu];
    if (c === undefined) c = this.cpus[cpu] = new AplCache(this.apl.numDomains);
    return c.lookup(tag, this.apl);
  }

  /** APL[src] changed on a thread running on `_originCpu`: every CPU drops its copy of row src. */
  shootdown(src: number, _originCpu: number): void {
    for (const c of this.cpus) c?.invalidate(src);
  }

  private sum(f: (c: AplCache) => number): number {
    let n = 0;
    for (const c of this.cpus) if (c !== undefined) n += f(c);
    return n;
  }

  get hits(): number {
    return this.sum((c) => c.hits);
  }
  get misses(): number {
    return this.sum((c) => c.misses);
  }
  get refills(): number {
    return this.sum((c) => c.refills);
  }
  get invalidations(): number {
    return this.sum((c) => c.invalidations);
  }
}
