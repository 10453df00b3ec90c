// C5 revocation (§4.2 "immediate revocation"): once a capability is revoked, nothing derived
// from it grants any access or can be used to derive, store or revoke.
import { SP } from '../../alphabet/config';
import { resolveIndex } from '../../alphabet/resolve';
import { checkSteps } from '../observe';
import { addressOf, aplRank, chainRevoked, codeTag, coveringCaps, type Need, succeeded, threadOf } from '../rules';
import type { CodomsProperty, StepCheck } from '../types';
import type { SpecState } from '../../spec/state/machine';

/** An access that the APL alone does not allow must be backed by a capability with no revoked ancestor. */
const backedByLiveCapability = (s: SpecState, t: number, from: number, a: number, need: Need, aplNeeded: number): boolean =>
  aplRank(s, from, a) >= aplNeeded || coveringCaps(s, t, a, need, true).length > 0;

const revokedGrantsNothing: StepCheck = ({ op, pre, output }) => {
  if (!succeeded(output)) return null;
  const t = threadOf(pre, op);
  const from = codeTag(pre, t);
  if (from === null) return null;
  const th = pre.threads[t];
  const fail = (what: string) => ({ expected: `${what} fails: only a revoked capability (or one derived from it) allows it`, observed: `${op.op} succeeded` });
  switch (op.op) {
    case 'load':
    case 'cap_load':
      return backedByLiveCapability(pre, t, from, addressOf(pre, t, op.a), 'read', 2) ? null : fail('the read');
    case 'cap_store': {
      const id = th.capRegs[resolveIndex(op.c, th.capRegs.length)];
      if (id !== null && id < pre.caps.length && chainRevoked(pre, id)) return fail(`storing capability ${id}, whose chain is revoked,`);
      return backedByLiveCapability(pre, t, from, addressOf(pre, t, op.a), 'write', 3) ? null : fail('the write');
    }
    case 'store':
      return backedByLiveCapability(pre, t, from, addressOf(pre, t, op.a), 'write', 3) ? null : fail('the write');
    case 'jump':
    case 'call':
      return backedByLiveCapability(pre, t, from, addressOf(pre, t, op.a), 'read', 1) ? null : fail('the control transfer');
    case 'ret':
      return backedByLiveCapability(pre, t, from, th.regs[SP], 'read', 2) ? null : fail('the return-address read');
    default:
      break;
  }
  if (op.op === 'cap_derive' || op.op === 'cap_revoke') {
    const id = th.capRegs[resolveIndex(op.op === 'cap_derive' ? op.s : op.c, th.capRegs.length)];
    if (id !== null && id < pre.caps.length && chainRevoked(pre, id)) return fail(`${op.op} of capability ${id}, whose chain is revoked,`);
  }
  return null;
};

export const C5: CodomsProperty = {
  id: 'C5',
  layer: 'codoms',
  title: 'revocation: nothing derived from a revoked capability grants access',
  check: (sc, f) => checkSteps(sc, f, revokedGrantsNothing),
};
