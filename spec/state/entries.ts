// Entry points and proxies (§5.2.3, §6.1.1): entry_register publishes a domain's entries
// with their signatures and callee policies; entry_request makes one trusted proxy per
// entry, in a fresh proxy domain, with the effective policy of both sides.
import type { IsolationProp, Signature } from '../../alphabet/policy';

export interface EntryPoint {
  readonly address: number;
  readonly signature: Signature;
  readonly policy: readonly IsolationProp[];
}

export interface Entry {
  readonly domain: number;
  readonly owner: number;
  readonly entries: readonly EntryPoint[];
  readonly live: boolean;
}

export interface Proxy {
  /** The proxy domain's tag. */
  readonly domain: number;
  readonly entry: number;
  readonly slot: number;
  /** The proxy's first instruction (entry-aligned). */
  readonly address: number;
  /** Where the callee's return lands (entry-aligned, next slot). */
  readonly returnPath: number;
  readonly signature: Signature;
  readonly policy: readonly IsolationProp[];
  readonly caller: number;
  readonly callee: number;
  readonly live: boolean;
}
