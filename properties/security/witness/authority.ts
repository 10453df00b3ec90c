// Authority as the property saw it given (DESIGN §6 P1, §5.1, §5.2.2): every handle a
// process holds, whose consent it carries (the process that owns what it names), every grant
// made and whether it is still in force, and whose consent each capability carries. Built
// from the ops and the states around them, never from the spec's ghost fields (`origin`,
// `via`, `grant.live`, `by`, the ledger).
import { type AplPerm, permRank } from '../../../alphabet/config';
import type { HandlePerm } from '../../../alphabet/dipc-ops';
import { aplPermOf, handlePermRank } from '../../../spec/state/handles';
import type { Owner } from './ownership';

/** Whose consent a handle or capability carries: a process, the kernel, or nobody's (forged). */
export type Consent = Owner | null;

export type HandleRec =
  | { readonly k: 'dom'; readonly tag: number; readonly perm: HandlePerm; readonly consent: Consent }
  | { readonly k: 'grant'; readonly grant: number | null }
  | { readonly k: 'entry'; readonly entry: number; readonly consent: Consent };

export interface WGrant {
  readonly src: number;
  readonly dst: number;
  readonly rank: number;
  /** The owner whose handle for dst justified it (null: none did). */
  readonly consent: Consent;
  readonly by: number;
  live: boolean;
}

export interface CapRec {
  /** The owner of the memory it reaches who consented to it (the kernel for its own capabilities). */
  readonly consent: Consent;
}

export const rankOfHandle = (p: HandlePerm): number => permRank(aplPermOf(p));
export const aplRank = (p: AplPerm | 'none'): number => permRank(p);

/** dom_copy may only lower the permission (Table 2). */
export const copyAllowed = (from: HandlePerm, to: HandlePerm): boolean => handlePermRank(to) <= handlePermRank(from);

export class Authority {
  /** Process -> its handle table as the witness knows it (index-aligned with the state's). */
  readonly handles = new Map<number, HandleRec[]>();
  readonly grants: WGrant[] = [];
  /** APL rank at boot per src*numDomains+dst key (the configuration's own grants). */
  readonly boot = new Map<number, number>();
  readonly caps = new Map<number, CapRec>();

  handle(pid: number, index: number): HandleRec | undefined {
    return this.handles.get(pid)?.[index];
  }

  /** The best live grant src -> dst carrying `owner`'s consent, as a rank (0: none). */
  grantRank(src: number, dst: number, owner: Owner): number {
    let best = 0;
    for (const g of this.grants) if (g.live && g.src === src && g.dst === dst && g.consent === owner && g.rank > best) best = g.rank;
    return best;
  }

  /** The best rank any live grant (or the boot APL) gives src -> dst: what the APL may hold. */
  allowedRank(key: number, src: number, dst: number): number {
    let best = this.boot.get(key) ?? 0;
    for (const g of this.grants) if (g.live && g.src === src && g.dst === dst && g.rank > best) best = g.rank;
    return best;
  }
}
