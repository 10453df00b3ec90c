// The capability table of the dIPC hardware, indexed by the blocks of the global address
// space each capability reaches into (§6.1.3). Releasing a block (exec, kill) must revoke
// every capability reaching into it, so that its next owner inherits no access from a third
// process; with this index that costs the capabilities of that block, not a scan of them all.
// A derived capability lies inside its parent and a created one inside mapped pages, so every
// range is inside the global space.
import { CapTable } from '../cap-table';

export class BlockIndexedCapTable extends CapTable {
  /** Words per block; 0 until the hardware configures it (no capability exists before). */
  private blockWords = 0;
  private byBlock: number[][] = [];

  configure(blocks: number, blockWords: number): void {
    this.blockWords = blockWords;
    this.byBlock = Array.from({ length: Math.max(0, blocks) }, () => []);
  }

  override add(parent: number, base: number, length: number, perm: number, kind: number, owner: number, creatorTag: number): number {
    const id = super.add(parent, base, length, perm, kind, owner, creatorTag);
    const W = this.blockWords;
    if (W > 0) {
      const last = Math.min(this.byBlock.length - 1, Math.floor((base + Math.max(1, length) - 1) / W));
      // Block 0 is the kernel's (proxy pages, return paths): it is never released.
      for (let b = Math.max(1, Math.floor(base / W)); b <= last; b++) this.byBlock[b].push(id);
    }
    return id;
  }

  /**
   * Revoke every capability reaching into block b (the revoked bit on each, as cap_revoke
   * would set it) and forget them: they stay revoked, so the next owner starts clean.
   */
  revokeBlock(b: number): void {
    const list = this.byBlock[b];
    if (list === undefined || list.length === 0) return;
    const lo = b * this.blockWords;
    const hi = lo + this.blockWords;
    for (const id of list) {
      if (!(this.base[id] < hi && this.base[id] + this.length[id] > lo)) continue;
      this.revoked[id] = 1;
      this.dead[id] = 1;
    }
    this.byBlock[b] = [];
    this.epoch++;
  }
}
