// C2 entry alignment (§4.1): when only call permission reaches a code address, control may
// arrive there only at an entry point (an address aligned to the entry alignment).
import { SP } from '../../alphabet/config';
import { checkSteps } from '../observe';
import { addressOf, aplRank, codeTag, coveringCaps, hex, succeeded, threadOf } from '../rules';
import type { CodomsProperty, StepCheck } from '../types';

const callPermissionOnlyAtEntries: StepCheck = ({ op, pre, output }) => {
  if (!succeeded(output) || (op.op !== 'call' && op.op !== 'jump' && op.op !== 'ret')) return null;
  const t = threadOf(pre, op);
  const from = codeTag(pre, t);
  if (from === null) return null;
  const target = op.op === 'ret' ? pre.memory.get(pre.threads[t].regs[SP]) ?? 0 : addressOf(pre, t, op.a);
  const onlyCall = aplRank(pre, from, target) === 1 && coveringCaps(pre, t, target, 'read', false).length === 0;
  if (!onlyCall || target % pre.entryAlign === 0) return null;
  return {
    expected: `with only call permission, ${op.op} targets an address aligned to ${pre.entryAlign}`,
    observed: `${op.op} reached ${hex(target)}`,
  };
};

export const C2: CodomsProperty = {
  id: 'C2',
  layer: 'codoms',
  title: 'entry alignment: call permission never reaches a non-aligned address',
  check: (sc, f) => checkSteps(sc, f, callPermissionOnlyAtEntries),
};
