// The cheap well-formedness check of an op. It accepts exactly what the alphabet's codec
// (`OpC.is`, io-ts) accepts, field by field: a non-array object, the tag among the known
// ones, every named field a safe integer or one of its enumerated strings. Extra fields
// are allowed, as io-ts allows them. A switch on the tag replaces io-ts's union search.
import type { Op } from '../alphabet/ops';

type Rec = Record<string, unknown>;

const isRecord = (u: unknown): u is Rec => u !== null && typeof u === 'object' && !Array.isArray(u);
const isInt = (u: unknown): boolean => Number.isSafeInteger(u);
const isCapPerm = (u: unknown): boolean => u === 'read' || u === 'write';
const isCapKind = (u: unknown): boolean => u === 'sync' || u === 'async';
const isAplPermOrNone = (u: unknown): boolean => u === 'call' || u === 'read' || u === 'write' || u === 'none';

export const isAddrSel = (u: unknown): boolean => {
  if (!isRecord(u)) return false;
  switch (u.k) {
    case 'abs':
      return isInt(u.a);
    case 'page':
      return isInt(u.p) && isInt(u.o);
    case 'entry':
      return isInt(u.d) && isInt(u.i) && isInt(u.o);
    case 'capBase':
    case 'capEnd':
      return isInt(u.c) && isInt(u.o);
    case 'reg':
      return isInt(u.r) && isInt(u.o);
    case 'capPage':
    case 'code':
      return isInt(u.i) && isInt(u.o);
    case 'stack':
      return isInt(u.o);
    default:
      return false;
  }
};

const isPrivAction = (u: unknown): boolean => {
  if (!isRecord(u)) return false;
  switch (u.k) {
    case 'apl_set':
      return isInt(u.src) && isInt(u.dst) && isAplPermOrNone(u.perm);
    case 'dcs_base':
      return isInt(u.v);
    case 'nop':
      return true;
    default:
      return false;
  }
};

export const isWellFormedOp = (u: unknown): u is Op => {
  if (!isRecord(u) || !isInt(u.t)) return false;
  switch (u.op) {
    case 'li':
      return isInt(u.r) && isInt(u.v);
    case 'mov':
      return isInt(u.r) && isInt(u.s);
    case 'load':
    case 'store':
      return isInt(u.r) && isAddrSel(u.a);
    case 'call':
    case 'jump':
      return isAddrSel(u.a);
    case 'ret':
    case 'fault':
      return true;
    case 'cap_create':
      return isInt(u.c) && isAddrSel(u.a) && isInt(u.len) && isCapPerm(u.perm) && isCapKind(u.kind);
    case 'cap_derive':
      return isInt(u.c) && isInt(u.s) && isInt(u.off) && isInt(u.len) && isCapPerm(u.perm) && isCapKind(u.kind);
    case 'cap_clear':
    case 'cap_revoke':
    case 'cap_push':
    case 'cap_pop':
      return isInt(u.c);
    case 'cap_store':
    case 'cap_load':
      return isInt(u.c) && isAddrSel(u.a);
    case 'priv':
      return isPrivAction(u.act);
    case 'schedule':
      return isInt(u.cpu);
    default:
      return false;
  }
};
