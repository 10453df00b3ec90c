// C1 access: every successful load, store, call, jump, return and capability-slot access
// obeys the access rule of DESIGN §3 (§4.1, §4.2), and touches only the word it names.
import { SP } from '../../alphabet/config';
import { allOf, checkSteps } from '../observe';
import { addressOf, aplRank, changedKeys, codeTag, coveringCaps, hex, type Need, page, succeeded, threadOf } from '../rules';
import type { CodomsProperty, StepCheck } from '../types';
import type { SpecState } from '../../spec/state/machine';

const dataAllowed = (s: SpecState, t: number, from: number, a: number, need: Need, slot: boolean): string | null => {
  const pg = page(s, a);
  if (pg === null) return `${hex(a)} is mapped`;
  if (aplRank(s, from, a) < (need === 'read' ? 2 : 3) && coveringCaps(s, t, a, need, false).length === 0)
    return `d${from} has ${need} on ${hex(a)} by its APL or a capability register`;
  if (!(need === 'read' ? pg.read : pg.write)) return `page of ${hex(a)} has its ${need} bit`;
  if (pg.capStore !== slot) return `${hex(a)} is ${slot ? 'a capability-storage' : 'a data'} page`;
  return null;
};

const targetAllowed = (s: SpecState, t: number, from: number, a: number): string | null => {
  const pg = page(s, a);
  if (pg === null) return `${hex(a)} is mapped`;
  if (aplRank(s, from, a) < 1 && coveringCaps(s, t, a, 'read', false).length === 0)
    return `d${from} may transfer control to ${hex(a)} (APL >= call or a capability)`;
  if (!pg.exec) return `page of ${hex(a)} is executable`;
  return null;
};

export const accessObeysRule: StepCheck = ({ op, pre, output }) => {
  if (!succeeded(output)) return null;
  const t = threadOf(pre, op);
  const from = codeTag(pre, t);
  const th = pre.threads[t];
  const broken = (why: string | null) => (why === null ? null : { expected: why, observed: `${op.op} succeeded` });
  if (from === null) return op.op === 'schedule' ? null : { expected: 'ip is on a mapped page', observed: `${op.op} ran` };
  switch (op.op) {
    case 'load':
      return broken(dataAllowed(pre, t, from, addressOf(pre, t, op.a), 'read', false));
    case 'store':
      return broken(dataAllowed(pre, t, from, addressOf(pre, t, op.a), 'write', false));
    case 'cap_load':
      return broken(dataAllowed(pre, t, from, addressOf(pre, t, op.a), 'read', true));
    case 'cap_store':
      return broken(dataAllowed(pre, t, from, addressOf(pre, t, op.a), 'write', true));
    case 'jump':
      return broken(targetAllowed(pre, t, from, addressOf(pre, t, op.a)));
    case 'call':
      return broken(targetAllowed(pre, t, from, addressOf(pre, t, op.a)) ?? dataAllowed(pre, t, from, th.regs[SP] - 1, 'write', false));
    case 'ret':
      return broken(
        dataAllowed(pre, t, from, th.regs[SP], 'read', false) ?? targetAllowed(pre, t, from, pre.memory.get(th.regs[SP]) ?? 0),
      );
    default:
      return null;
  }
};

/** Frame condition: only a store (its word) and a call (the pushed return address) change data memory. */
const memoryChangesOnlyWhereNamed: StepCheck = ({ op, pre, output, post }) => {
  const changed = changedKeys(pre.memory, post.memory);
  if (changed.length === 0) return null;
  const t = threadOf(pre, op);
  const allowed =
    !succeeded(output) ? [] : op.op === 'store' ? [addressOf(pre, t, op.a)] : op.op === 'call' ? [pre.threads[t].regs[SP] - 1] : [];
  const stray = changed.filter((a) => !allowed.includes(a));
  return stray.length === 0 ? null : { expected: `no data word changes but ${allowed.map(hex).join(',') || 'none'}`, observed: `${stray.map(hex).join(',')} changed` };
};

export const C1: CodomsProperty = {
  id: 'C1',
  layer: 'codoms',
  title: 'access: successful loads, stores and control transfers obey the access rule',
  check: (sc, f) => checkSteps(sc, f, allOf(accessObeysRule, memoryChangesOnlyWhereNamed)),
};
