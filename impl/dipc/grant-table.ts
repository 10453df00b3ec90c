// Domain grants (§5.2.2): each an APL entry of `src` towards `dst` written by grant_create
// and cleared by grant_revoke, with the permission written and the granting process (ghost).
import { ensure } from './growable';

export class GrantTable {
  count = 0;
  src = new Int32Array(8);
  dst = new Int32Array(8);
  /** APL rank written (call 1, read 2, write 3). */
  rank = new Uint8Array(8);
  live = new Uint8Array(8);
  by = new Int32Array(8);

  add(src: number, dst: number, rank: number, by: number): number {
    const g = this.count;
    if (g >= this.src.length) {
      this.src = ensure(this.src, g + 1);
      this.dst = ensure(this.dst, g + 1);
      this.rank = ensure(this.rank, g + 1);
      this.live = ensure(this.live, g + 1);
      this.by = ensure(this.by, g + 1);
    }
    this.src[g] = src;
    this.dst[g] = dst;
    this.rank[g] = rank;
    this.live[g] = 1;
    this.by[g] = by;
    this.count = g + 1;
    return g;
  }
}
