// The dIPC op alphabet: every CODOMs op, plus the system calls of Table 2 and the process
// and thread operations of §6.1.3, each issued by a thread (docs/dipc-model.md "Ops").
import * as t from 'io-ts';
import { AddrSelC, addrToString } from './address';
import { Int, intIn } from './int';
import { type Op, OpC, opToString } from './ops';
import { PolicyC, SignatureC, type Signature } from './policy';

const I = Int;
export const HandlePermC = t.keyof({ owner: null, write: null, read: null, call: null }, 'HandlePerm');
export type HandlePerm = t.TypeOf<typeof HandlePermC>;
export const ProtC = t.type({ r: t.boolean, w: t.boolean, x: t.boolean });

export const EntryDescC = t.type({ a: AddrSelC, sig: SignatureC, policy: PolicyC });
export const EntryRequestC = t.type({ sig: SignatureC, policy: PolicyC });

export const SyscallC = t.union([
  t.type({ k: t.literal('dom_default') }),
  t.type({ k: t.literal('dom_create') }),
  t.type({ k: t.literal('dom_copy'), h: I, perm: HandlePermC }),
  t.type({ k: t.literal('dom_mmap'), h: I, n: I, prot: ProtC }),
  t.type({ k: t.literal('dom_remap'), dst: I, src: I, a: AddrSelC, n: I }),
  t.type({ k: t.literal('grant_create'), src: I, dst: I }),
  t.type({ k: t.literal('grant_revoke'), g: I }),
  t.type({ k: t.literal('entry_register'), h: I, entries: t.array(EntryDescC) }),
  t.type({ k: t.literal('entry_request'), e: I, entries: t.array(EntryRequestC) }),
  t.type({ k: t.literal('handle_send'), h: I, pid: I }),
  t.type({ k: t.literal('spawn'), honest: t.boolean }),
  t.type({ k: t.literal('thread_create') }),
  t.type({ k: t.literal('fork') }),
  t.type({ k: t.literal('exec') }),
]);
export type Syscall = t.TypeOf<typeof SyscallC>;
export type SyscallName = Syscall['k'];
export const SYSCALL_NAMES: readonly SyscallName[] = [
  'dom_default', 'dom_create', 'dom_copy', 'dom_mmap', 'dom_remap', 'grant_create', 'grant_revoke',
  'entry_register', 'entry_request', 'handle_send', 'spawn', 'thread_create', 'fork', 'exec',
];

export const SyscallOpC = t.type({ op: t.literal('syscall'), t: I, call: SyscallC });
export type SyscallOp = t.TypeOf<typeof SyscallOpC>;

/** Honest caller stub: call import i with argument values (registers, then stack words). */
export const StubCallC = t.type({ op: t.literal('stub_call'), t: I, i: I, args: t.array(I) });
/** Honest callee stub: return result values from the innermost call into the current process. */
export const StubReturnC = t.type({ op: t.literal('stub_return'), t: I, results: t.array(I) });
export type StubCall = t.TypeOf<typeof StubCallC>;
export type StubReturn = t.TypeOf<typeof StubReturnC>;

/** Environment: process pid (modulo) is killed (§5.2.1: its frames fail in every thread). */
export const KillC = t.type({ op: t.literal('kill'), pid: I });
/** Environment: thread t's innermost cross-process call times out (§5.4). */
export const TimeoutC = t.type({ op: t.literal('timeout'), t: I });
export type Kill = t.TypeOf<typeof KillC>;
export type Timeout = t.TypeOf<typeof TimeoutC>;

export const DipcOpC = t.union([OpC, SyscallOpC, StubCallC, StubReturnC, KillC, TimeoutC]);
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
