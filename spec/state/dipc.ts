// The whole dIPC system: the CODOMs machine (hw) and what the kernel keeps (os).
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { DomainInfo } from './domains';
import type { Entry, Proxy } from './entries';
import type { Grant } from './grants';
import type { KernelThread } from './kernel-threads';
import type { LedgerRecord } from './ledger';
import type { SpecState } from './machine';
import type { Process } from './processes';

export type BlockOwner = number | 'kernel' | null;

export interface OsState {
  readonly blocks: number;
  readonly blockPages: number;
  readonly maxProcesses: number;
  readonly maxThreads: number;
  readonly processes: readonly Process[];
  readonly threads: readonly KernelThread[];
  readonly domains: ReadonlyMap<number, DomainInfo>;
  readonly grants: readonly Grant[];
  readonly entries: readonly Entry[];
  readonly proxies: readonly Proxy[];
  /** Owner of each block of the global address space (§6.1.3); block 0 is the kernel's. */
  readonly blockOwners: readonly BlockOwner[];
  /** Next free page of the kernel block (proxy pages). */
  readonly kernelNextPage: number;
  readonly ledger: readonly LedgerRecord[];
}

export interface DipcState {
  readonly config: DipcConfig;
  readonly hw: SpecState;
  readonly os: OsState;
}
