// The cheap well-formedness check of a dIPC op: exactly what `DipcOpC.is` (io-ts) accepts.
// A CODOMs op is checked by the CODOMs impl's own shape check; a syscall op field by field,
// with a switch on the call's tag instead of io-ts's union search. Extra fields are allowed
// and arrays are checked with `every`, which skips holes, as io-ts does.
import { type DipcOp, hasHoles } from '../../alphabet/dipc-ops';
import { ISOLATION_PROPS } from '../../alphabet/policy';
import { isAddrSel, isWellFormedOp } from '../op-shape';

type Rec = Record<string, unknown>;

const has = Object.prototype.hasOwnProperty;
const isRecord = (u: unknown): u is Rec => u !== null && typeof u === 'object' && !Array.isArray(u);
const isInt = (u: unknown): boolean => Number.isSafeInteger(u);
const isIntIn = (u: unknown, lo: number, hi: number): boolean => isInt(u) && (u as number) >= lo && (u as number) <= hi;
const isBool = (u: unknown): boolean => typeof u === 'boolean';
const keySet = (keys: readonly string[]): Rec => Object.fromEntries(keys.map((k) => [k, null]));
const HANDLE_PERMS = keySet(['owner', 'write', 'read', 'call']);
const PROPS = keySet(ISOLATION_PROPS);
const isKey = (u: unknown, keys: Rec): boolean => typeof u === 'string' && has.call(keys, u);

/** Part B's honest stubs (alphabet/dipc-ops.ts StubCallC, StubReturnC). */
const isIntArray = (u: unknown): boolean => Array.isArray(u) && u.every(isInt);
const isStubOp = (u: Rec): boolean =>
  u.op === 'stub_call' ? isInt(u.t) && isInt(u.i) && isIntArray(u.args) : u.op === 'stub_return' && isInt(u.t) && isIntArray(u.results);

const isSignature = (u: unknown): boolean =>
  isRecord(u) && isIntIn(u.inRegs, 0, 4) && isIntIn(u.outRegs, 0, 4) && isIntIn(u.stackWords, 0, 4) && isIntIn(u.dcsArgs, 0, 2);
const isPolicy = (u: unknown): boolean => Array.isArray(u) && u.every((k) => isKey(k, PROPS));
const isEntryDesc = (u: unknown): boolean => isRecord(u) && isAddrSel(u.a) && isSignature(u.sig) && isPolicy(u.policy);
const isEntryRequest = (u: unknown): boolean => isRecord(u) && isSignature(u.sig) && isPolicy(u.policy);
const isProt = (u: unknown): boolean => isRecord(u) && isBool(u.r) && isBool(u.w) && isBool(u.x);

const isSyscall = (c: unknown): boolean => {
  if (!isRecord(c)) return false;
  switch (c.k) {
    case 'dom_default':
    case 'dom_create':
    case 'thread_create':
    case 'fork':
    case 'exec':
      return true;
    case 'dom_copy':
      return isInt(c.h) && isKey(c.perm, HANDLE_PERMS);
    case 'dom_mmap':
      return isInt(c.h) && isInt(c.n) && isProt(c.prot);
    case 'dom_remap':
      return isInt(c.dst) && isInt(c.src) && isAddrSel(c.a) && isInt(c.n);
    case 'grant_create':
      return isInt(c.src) && isInt(c.dst);
    case 'grant_revoke':
      return isInt(c.g);
    case 'entry_register':
      return isInt(c.h) && Array.isArray(c.entries) && c.entries.every(isEntryDesc);
    case 'entry_request':
      return isInt(c.e) && Array.isArray(c.entries) && c.entries.every(isEntryRequest);
    case 'handle_send':
      return isInt(c.h) && isInt(c.pid);
    case 'spawn':
      return isBool(c.honest);
    default:
      return false;
  }
};

/** Environment events (alphabet/dipc-ops.ts KillC, TimeoutC). */
const isEnvOp = (u: Rec): boolean => (u.op === 'kill' ? isInt(u.pid) : u.op === 'timeout' && isInt(u.t));

/** What `DipcOpC.is` accepts. */
export const isWellFormedDipcOp = (u: unknown): u is DipcOp => {
  if (!isRecord(u)) return false;
  if (u.op === 'syscall') return isInt(u.t) && isSyscall(u.call);
  return isWellFormedOp(u) || isStubOp(u) || isEnvOp(u);
};

/** An op of the alphabet, as the dispatcher takes it: well formed and without holes. */
export const isDipcOp = (u: unknown): u is DipcOp => isWellFormedDipcOp(u) && !hasHoles(u);
