// The page table (§4.1) as flat typed arrays: one tag and one flag byte per page, the way
// a hardware page-table walker sees it. Pages are static in the CODOMs layer, so the
// per-domain page lists used by the `entry` address selector are computed once at boot.
import type { PageConfig } from '../alphabet/config';
import { resolveIndex } from '../alphabet/resolve';
import { idx } from './indices';

export const PG_MAPPED = 1;
export const PG_READ = 2;
export const PG_WRITE = 4;
export const PG_EXEC = 8;
export const PG_PRIV = 16;
export const PG_CAP_STORE = 32;

const NO_PAGES = new Int32Array(0);

export class PageTable {
  readonly count: number;
  /** One past the last address any page can hold: numPages * wordsPerPage. */
  readonly limit: number;
  /** Domain tag per page (Float64Array: a config tag of -0 resolves to -0, as in the spec). */
  readonly tag: Float64Array;
  readonly flags: Uint8Array;
  /** Mapped pages of each domain, in address order (for the `entry` selector). */
  readonly domainPages: readonly Int32Array[];
  /** Mapped capability-storage pages, in address order (for the `capPage` selector). */
  readonly capStorePages: Int32Array;

  constructor(
    readonly wordsPerPage: number,
    readonly entryAlign: number,
    numDomains: number,
    pages: readonly PageConfig[],
  ) {
    this.count = pages.length;
    this.limit = this.count * wordsPerPage;
    this.tag = new Float64Array(this.count);
    this.flags = new Uint8Array(this.count);
    const owned = new Map<number, number[]>();
    const capStore: number[] = [];
    pages.forEach((p, i) => {
      const tag = resolveIndex(p.tag, numDomains);
      this.tag[i] = tag;
      this.flags[i] =
        (p.mapped ? PG_MAPPED : 0) |
        (p.read ? PG_READ : 0) |
        (p.write ? PG_WRITE : 0) |
        (p.exec ? PG_EXEC : 0) |
        (p.priv === true ? PG_PRIV : 0) |
        (p.capStore ? PG_CAP_STORE : 0);
      if (p.mapped && p.capStore) capStore.push(i);
      if (p.mapped) {
        const list = owned.get(tag) ?? [];
        list.push(i);
        owned.set(tag, list);
      }
    });
    const domainPages = new Array<Int32Array>(numDomains).fill(NO_PAGES);
    for (const [tag, list] of owned) domainPages[tag] = Int32Array.from(list);
    this.domainPages = domainPages;
    this.capStorePages = Int32Array.from(capStore);
  }

  /** The mapped page holding address `a`, or -1 (not a safe non-negative integer, past the end, unmapped). */
  pageIndexOf(a: number): number {
    if (!(a >= 0 && a < this.limit) || !Number.isInteger(a)) return -1;
    const p = Math.floor(a / this.wordsPerPage);
    return this.flags[p] & PG_MAPPED ? p : -1;
  }

  /** The i-th entry-aligned address in domain d's pages; page d (mod pages) when d owns none. */
  entryAddress(d: number, i: number, numDomains: number): number {
    const W = this.wordsPerPage;
    const own = this.domainPages[idx(d, numDomains)];
    const perPage = Math.ceil(W / this.entryAlign);
    const n = own.length > 0 ? own.length : 1;
    const k = idx(i, n * perPage);
    const page = own.length > 0 ? own[Math.floor(k / perPage)] : idx(d, this.count);
    return page * W + (k % perPage) * this.entryAlign;
  }

  /** Word o of the i-th mapped capability-storage page; page i (mod pages) when there is none. */
  capPageAddress(i: number, o: number): number {
    const slots = this.capStorePages;
    const page = slots.length > 0 ? slots[idx(i, slots.length)] : idx(i, this.count);
    return page * this.wordsPerPage + o;
  }
}
