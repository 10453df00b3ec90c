// Handles (§5.2, Table 2): process-private references to domains, grants and entry points,
// like file descriptors. Each carries ghost provenance for P1: who made it and which
// processes it was sent through.
import type { HandlePerm } from '../../alphabet/dipc-ops';

export type HandleBody =
  | { readonly k: 'dom'; readonly tag: number; readonly perm: HandlePerm }
  | { readonly k: 'grant'; readonly grant: number }
  | { readonly k: 'entry'; readonly entry: number };

export type Handle = HandleBody & {
  /** Ghost: the process whose call created the handle. */
  readonly origin: number;
  /** Ghost: the processes it was sent to, in order (handle_send). */
  readonly via: readonly number[];
};

/** owner > write > read > call (Table 2's ordered set, nil excluded: no handle carries it). */
export const handlePermRank = (p: HandlePerm): number => (p === 'owner' ? 4 : p === 'write' ? 3 : p === 'read' ? 2 : 1);

/** §5.2.2: "If Dst has the owner permission, dIPC translates it into the write permission in CODOMs." */
export const aplPermOf = (p: HandlePerm): 'write' | 'read' | 'call' => (p === 'owner' || p === 'write' ? 'write' : p);
