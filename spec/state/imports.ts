// An entry point a process imports (§3.2, §5.3.2): the entry handle it received, the
// signature and caller policy its stub was compiled with, and, once the first call has
// resolved it, the proxy the loader obtained (entry_request + grant_create).
import type { IsolationProp, Signature } from '../../alphabet/policy';

export interface ImportSlot {
  /** Index of the entry handle in the importer's table; null when the export did not exist. */
  readonly handle: number | null;
  readonly signature: Signature;
  readonly policy: readonly IsolationProp[];
  /** The proxy (index in os.proxies) once resolved. */
  readonly proxy: number | null;
}
