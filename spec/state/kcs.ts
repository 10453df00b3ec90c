// The kernel control stack (§5.2.1): one frame per cross-process call a thread is inside,
// pushed by the proxy on the way in and popped on the way out (P3), plus the data stacks a
// thread has in each process it runs in.
import type { CapId } from './capabilities';

/** A data stack: `words` words from address `first`, reached only through the sync capability `cap`. */
export interface StackRegion {
  readonly first: number;
  readonly words: number;
  readonly cap: CapId;
}

export interface KcsFrame {
  /** The proxy that made the frame (its index in os.proxies). */
  readonly proxy: number;
  readonly caller: number;
  readonly callee: number;
  /** Where the caller resumes: the return address its call pushed. */
  readonly returnAddress: number;
  /** The caller's sp at the proxy (pointing at that return address). */
  readonly savedSp: number;
  readonly savedDcsBase: number;
  /**
   * The DCS length at the call, before the proxy raised the base or switched DCS: on an
   * unwind the DCS is cut back to it (what the discarded frames pushed goes with them).
   */
  readonly savedDcsLength: number;
  /**
   * Under DCS integrity alone (dcsInt without dcsConf): the argument entries at the call (the
   * top min(dcsArgs, length) ids), put back in their slots on return and unwind, so the honest
   * caller's epilogue pops and revokes exactly them (issue 12 §2). Null under any other policy.
   */
  readonly savedDcsArgs: readonly (CapId | null)[] | null;
  /** The caller's whole DCS when the callee got its own (DCS confidentiality). */
  readonly savedDcs: readonly (CapId | null)[] | null;
  /** The caller's c7 when the stack was switched. */
  readonly savedStackCap: CapId | null;
  /** The caller's c6, overwritten by the return capability. */
  readonly savedRetCap: CapId | null;
  readonly stackSwitched: boolean;
  /** The sync capability the callee uses to reach the return path; revoked on return. */
  readonly returnCap: CapId;
  /** Set on the frame a time-out split off (§5.4): returning through it deletes the thread. */
  readonly split: boolean;
}
