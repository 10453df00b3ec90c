// The op alphabet of the CODOMs machine (§4): one instruction or event per op, naming a
// thread by index. Plain data with io-ts codecs, so any trace is a JSON file.
import * as t from 'io-ts';
import { exact, oneOf, tagged } from './codec';
import { Int } from './int';
import { AddrSelC, addrToString } from './address';
import { CapKindC, CapPermC } from './config';

const I = Int;

/** Privileged actions (§4.1: only code on pages with the privileged bit may run them). */
export const PrivActionC = tagged('k', 'a privileged action', {
  /** Set APL[src][dst] (domains by index); 'none' removes the entry. */
  apl_set: exact('a privileged action', { k: t.literal('apl_set'), src: I, dst: I, perm: oneOf(['call', 'read', 'write', 'none'] as const) }),
  /** Move the DCS base register (§4.2: the bounds of the DCS are privileged). */
  dcs_base: exact('a privileged action', { k: t.literal('dcs_base'), v: I }),
  nop: exact('a privileged action', { k: t.literal('nop') }),
});
export type PrivAction = t.TypeOf<typeof PrivActionC>;

/** The CODOMs ops by name (the dIPC alphabet adds its own to these). */
export const CODOMS_OP_CODECS = {
  li: exact('a CODOMs op', { op: t.literal('li'), t: I, r: I, v: I }),
  mov: exact('a CODOMs op', { op: t.literal('mov'), t: I, r: I, s: I }),
  load: exact('a CODOMs op', { op: t.literal('load'), t: I, r: I, a: AddrSelC }),
  store: exact('a CODOMs op', { op: t.literal('store'), t: I, r: I, a: AddrSelC }),
  call: exact('a CODOMs op', { op: t.literal('call'), t: I, a: AddrSelC }),
  jump: exact('a CODOMs op', { op: t.literal('jump'), t: I, a: AddrSelC }),
  ret: exact('a CODOMs op', { op: t.literal('ret'), t: I }),
  cap_create: exact('a CODOMs op', { op: t.literal('cap_create'), t: I, c: I, a: AddrSelC, len: I, perm: CapPermC, kind: CapKindC }),
  cap_derive: exact('a CODOMs op', { op: t.literal('cap_derive'), t: I, c: I, s: I, off: I, len: I, perm: CapPermC, kind: CapKindC }),
  cap_clear: exact('a CODOMs op', { op: t.literal('cap_clear'), t: I, c: I }),
  cap_revoke: exact('a CODOMs op', { op: t.literal('cap_revoke'), t: I, c: I }),
  cap_push: exact('a CODOMs op', { op: t.literal('cap_push'), t: I, c: I }),
  cap_pop: exact('a CODOMs op', { op: t.literal('cap_pop'), t: I, c: I }),
  cap_store: exact('a CODOMs op', { op: t.literal('cap_store'), t: I, c: I, a: AddrSelC }),
  cap_load: exact('a CODOMs op', { op: t.literal('cap_load'), t: I, c: I, a: AddrSelC }),
  priv: exact('a CODOMs op', { op: t.literal('priv'), t: I, act: PrivActionC }),
  schedule: exact('a CODOMs op', { op: t.literal('schedule'), t: I, cpu: I }),
  fault: exact('a CODOMs op', { op: t.literal('fault'), t: I }),
};

export const OpC = tagged('op', 'a CODOMs op', CODOMS_OP_CODECS);
export type Op = t.TypeOf<typeof OpC>;
export type OpName = Op['op'];
export const OP_NAMES: readonly OpName[] = [
  'li', 'mov', 'load', 'store', 'call', 'jump', 'ret', 'cap_create', 'cap_derive', 'cap_clear',
  'cap_revoke', 'cap_push', 'cap_pop', 'cap_store', 'cap_load', 'priv', 'schedule', 'fault',
];

const reg = (r: number): string => (r === 8 ? 'sp' : `r${r}`);

const privToString = (a: PrivAction): string => {
  switch (a.k) {
    case 'apl_set':
      return `apl_set d${a.src}->d${a.dst}=${a.perm}`;
    case 'dcs_base':
      return `dcs_base ${a.v}`;
    case 'nop':
      return 'nop';
    default:
      return '?';
  }
};

/** Compact, paste-able rendering of one op: `store[t1 r3 -> page2+1]`. */
export const opToString = (op: Op): string => {
  if (typeof op !== 'object' || op === null) return `?[${String(op)}]`;
  const th = `t${op.t}`;
  switch (op.op) {
    case 'li':
      return `li[${th} ${reg(op.r)} <- ${op.v}]`;
    case 'mov':
      return `mov[${th} ${reg(op.r)} <- ${reg(op.s)}]`;
    case 'load':
      return `load[${th} ${reg(op.r)} <- ${addrToString(op.a)}]`;
    case 'store':
      return `store[${th} ${reg(op.r)} -> ${addrToString(op.a)}]`;
    case 'call':
      return `call[${th} -> ${addrToString(op.a)}]`;
    case 'jump':
      return `jump[${th} -> ${addrToString(op.a)}]`;
    case 'ret':
      return `ret[${th}]`;
    case 'cap_create':
      return `cap_create[${th} c${op.c} <- ${addrToString(op.a)}+${op.len} ${op.perm} ${op.kind}]`;
    case 'cap_derive':
      return `cap_derive[${th} c${op.c} <- c${op.s}+${op.off}+${op.len} ${op.perm} ${op.kind}]`;
    case 'cap_clear':
      return `cap_clear[${th} c${op.c}]`;
    case 'cap_revoke':
      return `cap_revoke[${th} c${op.c}]`;
    case 'cap_push':
      return `cap_push[${th} c${op.c}]`;
    case 'cap_pop':
      return `cap_pop[${th} c${op.c}]`;
    case 'cap_store':
      return `cap_store[${th} c${op.c} -> ${addrToString(op.a)}]`;
    case 'cap_load':
      return `cap_load[${th} c${op.c} <- ${addrToString(op.a)}]`;
    case 'priv':
      return `priv[${th} ${privToString(op.act)}]`;
    case 'schedule':
      return `schedule[${th} cpu${op.cpu}]`;
    case 'fault':
      return `fault[${th}]`;
    default:
      return `?[${JSON.stringify(op)}]`;
  }
};

export const traceToString = (ops: readonly Op[]): string => ops.map(opToString).join(', ');
