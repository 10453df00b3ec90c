// What the kernel knows about each CODOMs tag (§5.2.2): whether it is in use, for what,
// and which process created it. Tag 0 is the kernel's.
export type DomainKind = 'kernel' | 'default' | 'created' | 'proxy' | 'stack';

export interface DomainInfo {
  readonly kind: DomainKind;
  /** The creating process; null for the kernel's own tags. */
  readonly creator: number | null;
}

/** The first free tag, or null when all `capacity` tags are in use. */
export const freeTag = (domains: ReadonlyMap<number, DomainInfo>, capacity: number): number | null => {
  for (let tag = 0; tag < capacity; tag++) if (!domains.has(tag)) return tag;
  return null;
};
