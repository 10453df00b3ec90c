// Entry points and proxies (§5.2.3, §6.1.1). entry_register records a domain's entries with
// their signatures and callee policies; entry_request makes one proxy per entry in a new
// proxy domain, each an instance of a cached template, at aligned slots of kernel pages.
import type { Signature } from '../../alphabet/policy';
import type { ProxyTemplate } from './proxy-templates';

export interface EntryPointRecord {
  readonly address: number;
  /** As the registering op gave it (the spec keeps the op's record). */
  readonly signature: Signature;
  /** Callee policy mask. */
  readonly policy: number;
}

export interface EntryRecord {
  readonly domain: number;
  readonly owner: number;
  readonly points: readonly EntryPointRecord[];
  live: boolean;
}

export interface ProxyRecord {
  readonly domain: number;
  readonly entry: number;
  readonly slot: number;
  readonly address: number;
  readonly returnPath: number;
  readonly template: ProxyTemplate;
  /** The requesting op's signature record (equal to the template's shape, P4). */
  readonly signature: Signature;
  readonly caller: number;
  readonly callee: number;
  live: boolean;
}

export class EntryTable {
  readonly entries: EntryRecord[] = [];
  readonly proxies: ProxyRecord[] = [];
}
