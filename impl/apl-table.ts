// The Access Protection Lists (§4.1) in memory, as the OS keeps them: one dense row of
// permission ranks per source domain (0 none, 1 call, 2 read, 3 write). Up to 1024 domains
// the rows are views into one numDomains² matrix; beyond that a row is allocated on its
// first write, so a config with 65536 domains does not cost 4 GiB.
import { RANK_NONE } from './indices';

const DENSE_LIMIT = 1024;

export class AplTable {
  /** rows[src][dst] = rank. Rows never written share one zero row when not dense. */
  readonly rows: Uint8Array[];
  private readonly zeroRow: Uint8Array;

  constructor(readonly numDomains: number) {
    this.zeroRow = new Uint8Array(numDomains);
    if (numDomains <= DENSE_LIMIT) {
      const matrix = new Uint8Array(numDomains * numDomains);
      this.rows = Array.from({ length: numDomains }, (_, s) => matrix.subarray(s * numDomains, (s + 1) * numDomains));
    } else {
      this.rows = new Array<Uint8Array>(numDomains).fill(this.zeroRow);
    }
  }

  row(src: number): Uint8Array {
    return this.rows[src];
  }

  /** Set APL[src][dst]; returns whether the row changed (an unchanged row needs no shootdown). */
  set(src: number, dst: number, rank: number): boolean {
    let row = this.rows[src];
    if (row[dst] === rank) return false;
    if (row === this.zeroRow) row = this.rows[src] = new Uint8Array(this.numDomains);
    row[dst] = rank;
    return true;
  }

  /** Every present entry (rank > none), for the abstraction function. */
  forEachEntry(f: (src: number, dst: number, rank: number) => void): void {
    for (let s = 0; s < this.numDomains; s++) {
      const row = this.rows[s];
      if (row === this.zeroRow) continue;
      for (let d = 0; d < this.numDomains; d++) if (row[d] !== RANK_NONE) f(s, d, row[d]);
    }
  }
}
