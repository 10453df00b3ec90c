// The kernel's view of a primary thread (§5.2.1): its home process, the process it runs in
// now with that process's resource identity and TLS, its KCS, and its data stack in each
// process it has run in. Its registers, capabilities and DCS are the CODOMs thread with the
// same index in the hardware state.
import type { KcsFrame, StackRegion } from './kcs';

export interface KernelThread {
  readonly home: number;
  readonly current: number;
  readonly ended: boolean;
  /** The TLS base and resource identity in force (track_process_call switches them, §6.1.2). */
  readonly tls: number;
  readonly resource: number;
  readonly kcs: readonly KcsFrame[];
  /** Process -> this thread's data stack there (allocated on first use with stack confidentiality). */
  readonly stacks: ReadonlyMap<number, StackRegion>;
}
