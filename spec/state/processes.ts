// Processes (§5.2, §6.1): a default domain, a private handle table, a resource identity
// (standing for the fd table and user id), a TLS base, a block of the global address space,
// and per-process identifiers for the primary threads that enter it.
import type { Handle } from './handles';
import type { ImportSlot } from './imports';

export interface Process {
  readonly alive: boolean;
  /** dIPC on: the process lives in the global address space (§6.1.3: fork turns it off, exec on). */
  readonly dipc: boolean;
  readonly honest: boolean;
  readonly defaultDomain: number;
  /** The domain of its threads' data stacks: no APL names it, so a stack capability is the only way in. */
  readonly stackDomain: number;
  readonly handles: readonly Handle[];
  readonly resource: number;
  readonly tls: number;
  /** The block of the global space it owns, or null (dIPC off). */
  readonly block: number | null;
  /** Address of its first data page (where honest stubs keep buffer arguments), or null. */
  readonly data: number | null;
  /** Next page of its block to hand out (sub-allocation cursor, relative to the block). */
  readonly nextPage: number;
  /** Primary thread -> this process's identifier for it. */
  readonly threadIds: ReadonlyMap<number, number>;
  readonly nextThreadId: number;
  readonly parent: number | null;
  /** Entry handles of the entries it exported at boot, in export order. */
  readonly exports: readonly number[];
  readonly imports: readonly ImportSlot[];
  /** Ops executed by threads while this was their current process (CPU time is charged to it). */
  readonly cpuTime: number;
}
