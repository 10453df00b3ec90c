// The single dispatcher of the spec: a total, pure function from (state, op) to the next
// state and the op's output. Every op of the alphabet is handled (ts-pattern .exhaustive()).
import * as E from 'fp-ts/lib/Either.js';
import { match } from 'ts-pattern';
import { type Op, OpC } from '../../alphabet/ops';
import { skip } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import type { SpecState } from '../state/machine';
import { capClear, capCreate, capDerive, capRevoke } from './capabilities';
import { capLoad, capPop, capPush, capStore } from './capability-storage';
import { call, jump, ret } from './control';
import { li, load, mov, store } from './data';
import { crash, deliverFault, schedule } from './events';
import type { StepOutcome } from './outcome';
import { privileged } from './privileged';

export const step = (s: SpecState, op: Op): StepOutcome => {
  // Total on any input: an op that is not in the alphabet changes nothing.
  if (!OpC.is(op)) return { state: s, output: skip('malformed') };
  const t = resolveIndex(op.t, s.threads.length);
  if (t < 0) return { state: s, output: skip('noThread') };
  const result = match(op)
    .with({ op: 'li' }, (o) => li(s, t, o.r, o.v))
    .with({ op: 'mov' }, (o) => mov(s, t, o.r, o.s))
    .with({ op: 'load' }, (o) => load(s, t, o.r, o.a))
    .with({ op: 'store' }, (o) => store(s, t, o.r, o.a))
    .with({ op: 'call' }, (o) => call(s, t, o.a))
    .with({ op: 'jump' }, (o) => jump(s, t, o.a))
    .with({ op: 'ret' }, () => ret(s, t))
    .with({ op: 'cap_create' }, (o) => capCreate(s, t, o.c, o.a, o.len, o.perm, o.kind))
    .with({ op: 'cap_derive' }, (o) => capDerive(s, t, o.c, o.s, o.off, o.len, o.perm, o.kind))
    .with({ op: 'cap_clear' }, (o) => capClear(s, t, o.c))
    .with({ op: 'cap_revoke' }, (o) => capRevoke(s, t, o.c))
    .with({ op: 'cap_push' }, (o) => capPush(s, t, o.c))
    .with({ op: 'cap_pop' }, (o) => capPop(s, t, o.c))
    .with({ op: 'cap_store' }, (o) => capStore(s, t, o.c, o.a))
    .with({ op: 'cap_load' }, (o) => capLoad(s, t, o.c, o.a))
    .with({ op: 'priv' }, (o) => privileged(s, t, o.act))
    .with({ op: 'schedule' }, (o) => schedule(s, t, o.cpu))
    .with({ op: 'fault' }, () => crash(s, t))
    .exhaustive();
  return E.isLeft(result) ? deliverFault(s, t, result.left) : result.right;
};

export const run = (s: SpecState, ops: readonly Op[]): SpecState => ops.reduce((acc, op) => step(acc, op).state, s);
