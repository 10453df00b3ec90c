// Access Protection Lists (§4.1): for each source tag, the tags its code may reach and how
// (call < read < write). Stored sparsely: a missing entry means no access.
import type { AplPerm } from '../../alphabet/config';

export interface Apls {
  readonly numDomains: number;
  /** key = src * numDomains + dst */
  readonly entries: ReadonlyMap<number, AplPerm>;
}

export const aplKey = (numDomains: number, src: number, dst: number): number => src * numDomains + dst;

export const aplLookup = (apl: Apls, src: number, dst: number): AplPerm | 'none' =>
  apl.entries.get(aplKey(apl.numDomains, src, dst)) ?? 'none';

/** §4.1: a domain always has write access to itself; otherwise its APL decides. */
export const effectivePerm = (apl: Apls, src: number, dst: number): AplPerm | 'none' =>
  src === dst ? 'write' : aplLookup(apl, src, dst);
