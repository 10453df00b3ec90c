// The kernel control stack (§5.2.1) and the data stacks of a primary thread. A frame is
// pushed by a proxy on the way into a callee and popped on the way back (P3), or discarded
// by unwinding (crash, kill) and time-outs (§5.4). Frames are mutable records; the DCS a
// frame saves (DCS confidentiality) and the argument entries (DCS integrity) are copies of
// the caller's slots.

/** A data stack: `words` words from address `first`, reached only through the sync capability `cap`. */
export interface StackRegion {
  readonly first: number;
  readonly words: number;
  readonly cap: number;
}

export class KcsFrame {
  constructor(
    /** The proxy that made the frame (index in the proxy table). */
    readonly proxy: number,
    readonly caller: number,
    readonly callee: number,
    /** Where the caller resumes: the word its call left at [sp]. */
    readonly returnAddress: number,
    /** The caller's sp at the proxy. */
    readonly savedSp: number,
    readonly savedDcsBase: number,
    /** The DCS top at the call, before the proxy: an unwind cuts the DCS back to it. */
    readonly savedDcsTop: number,
    /** DCS integrity alone: the argument entries at the call (top min(dcsArgs, top) ids), put back on return and unwind; else null. */
    readonly savedDcsArgs: Int32Array | null,
    /** The caller's whole DCS (capability ids, -1 for a pushed empty register) when the callee got its own, else null. */
    readonly savedDcs: Int32Array | null,
    /** The caller's c7 when the stack was switched (-1: empty or not switched). */
    readonly savedStackCap: number,
    /** The caller's c6, overwritten by the return capability (-1: empty). */
    readonly savedRetCap: number,
    readonly stackSwitched: boolean,
    /** The callee's sync capability to the return path; revoked on return. */
    readonly returnCap: number,
    /** Made by a time-out split: returning through it deletes the thread (§5.4). */
    readonly split: boolean,
  ) {}

  /** The frame a time-out gives the split-off thread: same call, its own return capability. */
  splitCopy(returnCap: number): KcsFrame {
    return new KcsFrame(
      this.proxy, this.caller, this.callee, this.returnAddress, this.savedSp, this.savedDcsBase, this.savedDcsTop,
      this.savedDcsArgs, this.savedDcs,
      this.savedStackCap, this.savedRetCap, this.stackSwitched, returnCap, true,
    );
  }
}
