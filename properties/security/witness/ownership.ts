// Whose memory is a page, and whose is a tag, as the property saw it happen (issue 12 §1).
// The spec's own answers (a page's current tag and that tag's `creator`, `blockOwners`) are
// what the transition under test writes: an unauthorised dom_remap that moves a victim's
// pages into the attacker's domain would make them look like the attacker's. So ownership is
// witnessed here: taken from the boot state once, then changed only by acts the witness
// observed and judged (§5.2.2 dom_create/dom_remap, §6.1.3 spawn/fork/exec, §5.2.1 kill).
import type { DipcState } from '../../../spec/state/dipc';

export type Owner = number | 'kernel';

export class Ownership {
  /** Block of the global address space -> the process it was handed to (§6.1.3). */
  private readonly blocks = new Map<number, Owner>();
  /** Pages a legitimate dom_remap moved to another process's authority. */
  private readonly moved = new Map<number, number>();
  /** Tag -> the process that made it (or the kernel: its own tag, proxy domains). */
  readonly tags = new Map<number, Owner>();
  /** Tags made as a process's stack domain (at boot or with the process): where stacks live. */
  readonly stackTags = new Set<number>();
  /** Processes seen alive (made at boot or by an observed spawn/fork, not yet killed). */
  readonly alive = new Set<number>();
  private blockPages = 1;

  boot(s: DipcState): void {
    this.blockPages = Math.max(1, s.os.blockPages);
    s.os.blockOwners.forEach((o, b) => {
      if (o !== null) this.blocks.set(b, o);
    });
    for (const [tag, d] of s.os.domains) {
      this.tags.set(tag, d.creator ?? 'kernel');
      if (d.kind === 'stack') this.stackTags.add(tag);
    }
    s.os.processes.forEach((p, pid) => {
      if (p.alive) this.alive.add(pid);
    });
  }

  blockOf(page: number): number {
    return Math.floor(page / this.blockPages);
  }

  /** The owner of a page, or null (a free block). */
  pageOwner(page: number): Owner | null {
    return this.moved.get(page) ?? this.blocks.get(this.blockOf(page)) ?? null;
  }

  /**
   * Whose image a page's code is: the process its block was handed to, whatever domain a
   * consented dom_remap has since put the page in (§6.1.3: a process's code is the image it
   * loaded into its block). A thread running there acts as that process: a process that
   * remaps its own code page into another's domain has given away the memory, not its
   * identity.
   */
  imageOwner(page: number): Owner | null {
    return this.blocks.get(this.blockOf(page)) ?? null;
  }

  /** Who the witness last saw the block handed to (null: free). */
  blockHolder(block: number): Owner | null {
    return this.blocks.get(block) ?? null;
  }

  /** The block now belongs to `pid` (a new image); returns the live owner it was taken from, if any. */
  giveBlock(block: number, pid: number): Owner | null {
    const before = this.blocks.get(block) ?? null;
    this.blocks.set(block, pid);
    for (const p of [...this.moved.keys()]) if (this.blockOf(p) === block) this.moved.delete(p);
    return before === null || before === pid || (typeof before === 'number' && !this.alive.has(before)) ? null : before;
  }

  /** Free every block and moved page of `pid` (killed, or its old image after exec). */
  releaseBlocksOf(pid: number, except: number | null = null): void {
    for (const [b, o] of [...this.blocks]) if (o === pid && b !== except) this.blocks.delete(b);
    for (const [p, o] of [...this.moved]) if (o === pid && this.blockOf(p) !== except) this.moved.delete(p);
  }

  movePage(page: number, to: number): void {
    this.moved.set(page, to);
  }

  /**
   * Pages their owner itself put into a domain (dom_mmap, or dom_remap of its own pages,
   * Table 2): the tag it chose and who chose it. The owner's consent to that domain's holders
   * lasts while the page stays in that tag and with that owner (P1 reads it).
   */
  private readonly placed = new Map<number, { readonly tag: number; readonly by: number }>();

  place(page: number, tag: number, by: number): void {
    this.placed.set(page, { tag, by });
  }

  /** Did `owner` itself put `page` into `tag`, a domain another process made? */
  placedInForeignDomain(page: number, tag: number, owner: number): boolean {
    const p = this.placed.get(page);
    return p !== undefined && p.by === owner && p.tag === tag && this.tags.get(tag) !== owner;
  }
}
