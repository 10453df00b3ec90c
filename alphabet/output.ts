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
  'proxyCheck', // a proxy refused: sp outside the thread's stack (P2), or a return that is not the KCS top's (P3)
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Why a dIPC system call was refused (Table 2 preconditions); the call changes nothing. */
export const DIPC_ERRORS = [
  'notDipc', // the calling process has dIPC off
  'badHandle', // no handle of the needed kind at that index
  'permDenied', // the handle lacks the permission the call needs
  'badRange', // a page count or address range outside what the call accepts
  'badEntry', // an entry address outside the domain's executable pages
  'signatureMismatch', // entry_request signatures differ from the registered ones (P4)
  'noMemory', // the global address space or the process's block is exhausted
  'noTags', // every domain tag is in use
  'noProcess', // no live dIPC process with that id, or no free process slot
  'noThreads', // no free thread slot
  'noImport', // stub_call: the process declares no import
  'noCall', // stub_return: the thread is not inside a call into this process; timeout: not inside any call
  'notSplittable', // timeout: the call did not switch stacks, so caller and callee cannot be split (§5.4)
  'inCall', // exec: the thread is inside a cross-process call, whose callers wait for it
] as const;
export type DipcError = (typeof DIPC_ERRORS)[number];

export interface Fault {
  readonly kind: FaultKind;
  /** The address at fault, when there is one. */
  readonly addr: number | null;
}

export type Output =
  | { readonly out: 'ok' }
  | { readonly out: 'value'; readonly v: number }
  | { readonly out: 'fault'; readonly fault: Fault }
  | { readonly out: 'error'; readonly error: DipcError }
  | { readonly out: 'skip'; readonly why: SkipReason };

/** Why an op did nothing at all: no such thread, an ended thread, a thread outside the global space, a raw instruction for a thread in an honest process, or not an op. */
export type SkipReason = 'noThread' | 'malformed' | 'ended' | 'outside' | 'honest';

export const ok: Output = { out: 'ok' };
export const value = (v: number): Output => ({ out: 'value', v });
export const fault = (kind: FaultKind, addr: number | null = null): Output => ({
  out: 'fault',
  fault: { kind, addr },
});
export const skip = (why: SkipReason): Output => ({ out: 'skip', why });
export const error = (e: DipcError): Output => ({ out: 'error', error: e });

export const outputToString = (o: Output): string => {
  switch (o.out) {
    case 'ok':
      return 'ok';
    case 'value':
      return `= ${o.v}`;
    case 'fault':
      return `FAULT ${o.fault.kind}${o.fault.addr === null ? '' : ` @0x${o.fault.addr.toString(16)}`}`;
    case 'error':
      return `ERROR ${o.error}`;
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
    case 'error':
      return a.error === (b as typeof a).error;
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
  t.type({ out: t.literal('error'), error: t.string }),
  t.type({ out: t.literal('skip'), why: t.string }),
]);
