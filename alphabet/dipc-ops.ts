// The dIPC op alphabet: every CODOMs op, plus the system calls of Table 2 and the process
// and thread operations of §6.1.3, each issued by a thread (docs/dipc-model.md "Ops").
import * as t from 'io-ts';
import { AddrSelC, addrToString } from './address';
import { Bool, exact, listOf, oneOf, tagged } from './codec';
import { Int, intIn } from './int';
import { CODOMS_OP_CODECS, type Op, opToString } from './ops';
import { PolicyC, SignatureC, type Signature } from './policy';

const I = Int;
export const HandlePermC = oneOf(['owner', 'write', 'read', 'call'] as const);
export type HandlePerm = t.TypeOf<typeof HandlePermC>;
export const ProtC = exact('a protection', { r: Bool, w: Bool, x: Bool });

export const EntryDescC = exact('an entry', { a: AddrSelC, sig: SignatureC, policy: PolicyC });
export const EntryRequestC = exact('an entry request', { sig: SignatureC, policy: PolicyC });
/** Entries of one entry_register or entry_request, and stub arguments or results: a few at most. */
const MAX_OP_LIST = 256;

export const SyscallC = tagged('k', 'a system call', {
  dom_default: exact('a system call', { k: t.literal('dom_default') }),
  dom_create: exact('a system call', { k: t.literal('dom_create') }),
  dom_copy: exact('a system call', { k: t.literal('dom_copy'), h: I, perm: HandlePermC }),
  dom_mmap: exact('a system call', { k: t.literal('dom_mmap'), h: I, n: I, prot: ProtC }),
  dom_remap: exact('a system call', { k: t.literal('dom_remap'), dst: I, src: I, a: AddrSelC, n: I }),
  grant_create: exact('a system call', { k: t.literal('grant_create'), src: I, dst: I }),
  grant_revoke: exact('a system call', { k: t.literal('grant_revoke'), g: I }),
  entry_register: exact('a system call', { k: t.literal('entry_register'), h: I, entries: listOf(EntryDescC, 'a list of entries', MAX_OP_LIST) }),
  entry_request: exact('a system call', { k: t.literal('entry_request'), e: I, entries: listOf(EntryRequestC, 'a list of entry requests', MAX_OP_LIST) }),
  handle_send: exact('a system call', { k: t.literal('handle_send'), h: I, pid: I }),
  spawn: exact('a system call', { k: t.literal('spawn'), honest: Bool }),
  thread_create: exact('a system call', { k: t.literal('thread_create') }),
  fork: exact('a system call', { k: t.literal('fork') }),
  exec: exact('a system call', { k: t.literal('exec') }),
});
export type Syscall = t.TypeOf<typeof SyscallC>;
export type SyscallName = Syscall['k'];
export const SYSCALL_NAMES: readonly SyscallName[] = [
  'dom_default', 'dom_create', 'dom_copy', 'dom_mmap', 'dom_remap', 'grant_create', 'grant_revoke',
  'entry_register', 'entry_request', 'handle_send', 'spawn', 'thread_create', 'fork', 'exec',
];

export const SyscallOpC = exact('a dIPC op', { op: t.literal('syscall'), t: I, call: SyscallC });
export type SyscallOp = t.TypeOf<typeof SyscallOpC>;

/** Honest caller stub: call import i with argument values (registers, then stack words). */
export const StubCallC = exact('a dIPC op', { op: t.literal('stub_call'), t: I, i: I, args: listOf(I, 'a list of integers', MAX_OP_LIST) });
/** Honest callee stub: return result values from the innermost call into the current process. */
export const StubReturnC = exact('a dIPC op', { op: t.literal('stub_return'), t: I, results: listOf(I, 'a list of integers', MAX_OP_LIST) });
export type StubCall = t.TypeOf<typeof StubCallC>;
export type StubReturn = t.TypeOf<typeof StubReturnC>;

/** Environment: process pid (modulo) is killed (§5.2.1: its frames fail in every thread). */
export const KillC = exact('a dIPC op', { op: t.literal('kill'), pid: I });
/** Environment: thread t's innermost cross-process call times out (§5.4). */
export const TimeoutC = exact('a dIPC op', { op: t.literal('timeout'), t: I });
export type Kill = t.TypeOf<typeof KillC>;
export type Timeout = t.TypeOf<typeof TimeoutC>;

export const DipcOpC = tagged('op', 'a dIPC op', {
  ...CODOMS_OP_CODECS,
  syscall: SyscallOpC,
  stub_call: StubCallC,
  stub_return: StubReturnC,
  kill: KillC,
  timeout: TimeoutC,
});
export type DipcOp = Op | SyscallOp | StubCall | StubReturn | Kill | Timeout;

// Keep intIn reachable for codecs built on this module.
export { intIn };

const sig = (s: Signature): string => `${s.inRegs}/${s.outRegs}/${s.stackWords}/${s.dcsArgs}`;
const pol = (p: readonly string[]): string => (p.length === 0 ? '{}' : `{${p.join(',')}}`);

const syscallToString = (c: Syscall): string => {
  switch (c.k) {
    case 'dom_default':
    case 'dom_create':
    case 'thread_create':
    case 'fork':
    case 'exec':
      return c.k;
    case 'dom_copy':
      return `dom_copy h${c.h} ${c.perm}`;
    case 'dom_mmap':
      return `dom_mmap h${c.h} ${c.n}p ${c.prot.r ? 'r' : '-'}${c.prot.w ? 'w' : '-'}${c.prot.x ? 'x' : '-'}`;
    case 'dom_remap':
      return `dom_remap h${c.dst} <- h${c.src} ${addrToString(c.a)} ${c.n}p`;
    case 'grant_create':
      return `grant_create h${c.src} -> h${c.dst}`;
    case 'grant_revoke':
      return `grant_revoke h${c.g}`;
    case 'entry_register':
      return `entry_register h${c.h} [${c.entries.map((e) => `${addrToString(e.a)} ${sig(e.sig)} ${pol(e.policy)}`).join('; ')}]`;
    case 'entry_request':
      return `entry_request h${c.e} [${c.entries.map((e) => `${sig(e.sig)} ${pol(e.policy)}`).join('; ')}]`;
    case 'handle_send':
      return `handle_send h${c.h} -> p${c.pid}`;
    case 'spawn':
      return `spawn ${c.honest ? 'honest' : 'adversarial'}`;
    default:
      return '?';
  }
};

/** Compact rendering: `syscall[t0 grant_create h1 -> h3]`, or the CODOMs op's own. */
export const dipcOpToString = (op: DipcOp): string => {
  if (typeof op !== 'object' || op === null) return opToString(op as Op);
  if (op.op === 'syscall') return `syscall[t${op.t} ${syscallToString(op.call)}]`;
  if (op.op === 'stub_call') return `stub_call[t${op.t} import${op.i} (${op.args.join(',')})]`;
  if (op.op === 'stub_return') return `stub_return[t${op.t} (${op.results.join(',')})]`;
  if (op.op === 'kill') return `kill[p${op.pid}]`;
  if (op.op === 'timeout') return `timeout[t${op.t}]`;
  return opToString(op);
};

/** Arrays with holes pass the codec (`every` skips them) but are no JSON: an op holding one is not an op. */
const dense = (a: readonly unknown[]): boolean => {
  for (let i = 0; i < a.length; i++) if (!(i in a)) return false;
  return true;
};

/** Does a decoded dIPC op hold an array with holes (stub arguments, entry lists, policies)? */
export const hasHoles = (op: DipcOp): boolean => {
  if (op.op === 'stub_call') return !dense(op.args);
  if (op.op === 'stub_return') return !dense(op.results);
  if (op.op !== 'syscall') return false;
  const c = op.call;
  if (c.k === 'entry_register' || c.k === 'entry_request') return !dense(c.entries) || c.entries.some((e) => !dense(e.policy));
  return false;
};
