// Entry points and proxies (§5.2.3, §6.1.1). entry_register records a domain's entries with
// their signatures and callee policies; entry_request makes one proxy per entry in a new
// proxy domain, each an instance of a cached template, at aligned slots of kernel pages.
//
// Liveness is not stored: kill is the only thing that tears entries and proxies down, so an
// entry is live while its owner is alive and a proxy while both its caller and its callee
// are (the abstraction computes the spec's `live` flags the same way). Kill is O(1) in them.
//
// Landing detection is O(1): `landing` has one slot per word of the kernel block (where
// every proxy page lives): NOT_PROXY, TRAP (a proxy page's other words), or the proxy's
// entry (2x) or return path (2x+1).
import type { Signature } from '../../alphabet/policy';
import type { ProxyTemplate } from './proxy-templates';

export interface EntryPointRecord {
  readonly address: number;
  /** Canonical. */
  readonly signature: Signature;
  /** Callee policy mask. */
  readonly policy: number;
}

export interface EntryRecord {
  readonly domain: number;
  readonly owner: number;
  readonly points: readonly EntryPointRecord[];
  /** The owner's image when registered: exec tears the entry down (O(1), by comparison). */
  readonly image: number;
}

export interface ProxyRecord {
  readonly domain: number;
  readonly entry: number;
  readonly slot: number;
  readonly address: number;
  readonly returnPath: number;
  readonly template: ProxyTemplate;
  /** The requested (canonical) signature, equal to the registered one (P4). */
  readonly signature: Signature;
  readonly caller: number;
  readonly callee: number;
  /** The callee's default-domain tag when the proxy was made: the key of the hot path. */
  readonly calleeTag: number;
  /** Where the proxy jumps: the registered entry address. */
  readonly target: number;
  /** The callee stub's policy (the registered one) and the callee's honesty, for its entry half. */
  readonly calleePolicy: number;
}

export const NOT_PROXY = -1;
export const TRAP = -2;

export class EntryTable {
  readonly entries: EntryRecord[] = [];
  readonly proxies: ProxyRecord[] = [];
  /** One slot per word of the kernel block; see the header. */
  readonly landing: Int32Array;

  constructor(kernelWords: number) {
    this.landing = new Int32Array(Math.max(0, kernelWords)).fill(NOT_PROXY);
  }

  /** Where ip is as far as proxies go (O(1)). */
  landingAt(ip: number): number {
    const v = this.landing[ip];
    return v === undefined ? NOT_PROXY : v;
  }

  /** Words [lo, hi) are now a proxy page: traps until proxies claim their slots. */
  mapProxyWords(lo: number, hi: number): void {
    this.landing.fill(TRAP, Math.max(0, lo), Math.min(this.landing.length, hi));
  }

  addProxy(p: ProxyRecord): number {
    const x = this.proxies.length;
    this.proxies.push(p);
    if (p.address >= 0 && p.address < this.landing.length) this.landing[p.address] = 2 * x;
    if (p.returnPath >= 0 && p.returnPath < this.landing.length) this.landing[p.returnPath] = 2 * x + 1;
    return x;
  }
}
