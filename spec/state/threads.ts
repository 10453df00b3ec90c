// Threads (§4.2): registers r0..r7 and sp, the 8 capability registers, the per-thread
// domain capability stack (DCS) with its base register, and the CPU it runs on.
//
// The DCS is modelled as thread-private storage of dcsSize slots rather than as addressable
// pages: DESIGN §4 puts it in capability-storage pages of a domain no APL names, so no
// instruction but push and pop can reach it; a separate array is the same machine.
import type { CapId } from './capabilities';

export interface ThreadState {
  readonly ip: number;
  /** r0..r7 then sp (index 8). */
  readonly regs: readonly number[];
  readonly capRegs: readonly (CapId | null)[];
  /** Slots 0..top-1; the top register is dcs.length. */
  readonly dcs: readonly (CapId | null)[];
  readonly dcsBase: number;
  readonly cpu: number;
  /** How many faults this thread has taken (a fault is delivered, the instruction skipped). */
  readonly faults: number;
}
