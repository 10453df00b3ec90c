// Domain grants (§5.2.2): an APL entry of `src` towards `dst`, made by grant_create and
// undone by grant_revoke.
import type { AplPerm } from '../../alphabet/config';

export interface Grant {
  readonly src: number;
  readonly dst: number;
  readonly perm: AplPerm;
  readonly live: boolean;
  /** Ghost: the process that made the grant. */
  readonly by: number;
}
