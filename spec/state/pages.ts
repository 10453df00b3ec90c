// The page table (§4.1): every page carries a domain tag, the read/write/exec bits, the
// privileged-capability bit and the capability-storage bit.
import type { PageConfig } from '../../alphabet/config';
import { isAddress } from '../../alphabet/resolve';

export type Page = Readonly<PageConfig>;

export interface PageTable {
  readonly wordsPerPage: number;
  readonly pages: readonly Page[];
}

/** The page holding address `a`, or null when `a` is outside every mapped page. */
export const pageIndexOf = (pt: PageTable, a: number): number | null => {
  if (!isAddress(a) || a < 0) return null;
  const p = Math.floor(a / pt.wordsPerPage);
  if (p >= pt.pages.length || !pt.pages[p].mapped) return null;
  return p;
};

export const pageOf = (pt: PageTable, a: number): Page | null => {
  const p = pageIndexOf(pt, a);
  return p === null ? null : pt.pages[p];
};

/** Mapped pages of domain `tag`, in address order. */
export const pagesOfDomain = (pt: PageTable, tag: number): number[] =>
  pt.pages.flatMap((pg, i) => (pg.mapped && pg.tag === tag ? [i] : []));
