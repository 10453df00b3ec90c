// What one op returns. Faults are values (§4: an access the rule forbids is a fault of the
// executing thread, never an exception of the model).
import * as t from 'io-ts';

export const FAULT_KINDS = [
  'fetch', // ip is not on a mapped executable page: the thread cannot run
  'unmapped', // the address is outside every mapped page
  'noAccess', // neither the APL nor a capability register grants the access
  'unaligned', // only call permission, and the target is not an entry point (§4.1)
  'pageProt', // the page's read/write/exec bit forbids it (§4.1: CODOMs honors them)
  'capStorage', // a data access to a capability-storage page (§4.2)
  'dataStorage', // a capability access to a data page (§4.2)
  'notPrivileged', // a privileged action from a page without the privileged bit (§4.1)
  'capInvalid', // the capability register is empty, revoked or not this thread's
  'capBounds', // the requested range is empty, too long, or outside the parent
  'capPerm', // derive asked for more permission than the parent has
  'capKind', // derive asked for an async capability from a sync one
  'capSync', // a sync capability may not leave its thread's registers and DCS
  'dcsOverflow', // push with the DCS full
  'dcsUnderflow', // pop at the DCS base
  'crash', // the thread raised a fault itself
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  readonly kind: FaultKind;
  /** The address at fault, when there is one. */
  readonly addr: number | null;
}

export type Output =
  | { readonly out: 'ok' }
  | { readonly out: 'value'; readonly v: number }
  | { readonly out: 'fault'; readonly fault: Fault }
  | { readonly out: 'skip'; readonly why: 'noThread' | 'malformed' };

export const ok: Output = { out: 'ok' };
export const value = (v: number): Output => ({ out: 'value', v });
export const fault = (kind: FaultKind, addr: number | null = null): Output => ({
  out: 'fault',
  fault: { kind, addr },
});
export const skip = (why: 'noThread' | 'malformed'): Output => ({ out: 'skip', why });

export const outputToString = (o: Output): string => {
  switch (o.out) {
    case 'ok':
      return 'ok';
    case 'value':
      return `= ${o.v}`;
    case 'fault':
      return `FAULT ${o.fault.kind}${o.fault.addr === null ? '' : ` @0x${o.fault.addr.toString(16)}`}`;
    case 'skip':
      return `skip (${o.why})`;
    default:
      return '?';
  }
};

export const sameOutput = (a: Output, b: Output): boolean => {
  if (a.out !== b.out) return false;
  switch (a.out) {
    case 'ok':
      return true;
    case 'value':
      return a.v === (b as typeof a).v;
    case 'fault':
      return a.fault.kind === (b as typeof a).fault.kind && a.fault.addr === (b as typeof a).fault.addr;
    case 'skip':
      return a.why === (b as typeof a).why;
    default:
      return false;
  }
};

export const OutputC = t.union([
  t.type({ out: t.literal('ok') }),
  t.type({ out: t.literal('value'), v: t.number }),
  t.type({ out: t.literal('fault'), fault: t.type({ kind: t.string, addr: t.union([t.number, t.null]) }) }),
  t.type({ out: t.literal('skip'), why: t.string }),
]);
