// Where capabilities live outside the registers (§4.2): the per-thread DCS, moved by the
// unprivileged push/pop, and capability-storage pages, reached by cap_store/cap_load.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { AddrSel } from '../../alphabet/address';
import { ok } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import { usableBy } from '../state/capabilities';
import type { SpecState } from '../state/machine';
import { checkCapSlotAccess, currentDomain } from './access';
import { resolveAddress } from './addresses';
import type { StepOutcome } from './outcome';
import { type Check, replaceThread, require, setCapReg } from './result';

/** cap_push: spill a capability register (whatever it holds) to the DCS top. Fault: dcsOverflow. */
export const capPush = (s: SpecState, t: number, c: number): Check<StepOutcome> => {
  const th = s.threads[t];
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() => require(th.dcs.length < s.dcsSize, 'dcsOverflow')),
    E.map(() => ({
      state: replaceThread(s, t, { ...th, dcs: [...th.dcs, th.capRegs[resolveIndex(c, th.capRegs.length)]] }),
      output: ok,
    })),
  );
};

/** cap_pop: the DCS base bounds what unprivileged code can pop. Fault: dcsUnderflow. */
export const capPop = (s: SpecState, t: number, c: number): Check<StepOutcome> => {
  const th = s.threads[t];
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() => require(th.dcs.length > th.dcsBase, 'dcsUnderflow')),
    E.map(() => {
      const top = th.dcs[th.dcs.length - 1];
      const popped = { ...th, dcs: th.dcs.slice(0, -1) };
      return { state: replaceThread(s, t, setCapReg(popped, resolveIndex(c, th.capRegs.length), top)), output: ok };
    }),
  );
};

/**
 * cap_store: write a capability register into a capability-storage page.
 *  capInvalid  nothing usable to store
 *  capSync     a sync capability never leaves its thread (DESIGN §11)
 *  then the access rule for a write to a capability slot
 */
export const capStore = (s: SpecState, t: number, c: number, sel: AddrSel): Check<StepOutcome> => {
  const th = s.threads[t];
  const id = th.capRegs[resolveIndex(c, th.capRegs.length)];
  const a = resolveAddress(s, th, sel);
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() => require(usableBy(s.caps, id, t), 'capInvalid')),
    E.chainFirst(() => require(s.caps[id as number].kind === 'async', 'capSync')),
    E.chain((from) => checkCapSlotAccess(s, t, th, from, a, 'write')),
    E.map(() => {
      const capMemory = new Map(s.capMemory);
      capMemory.set(a, id as number);
      return { state: { ...s, capMemory }, output: ok };
    }),
  );
};

/** cap_load: read a capability slot (an empty slot clears the register). */
export const capLoad = (s: SpecState, t: number, c: number, sel: AddrSel): Check<StepOutcome> => {
  const th = s.threads[t];
  const a = resolveAddress(s, th, sel);
  return pipe(
    currentDomain(s, th),
    E.chain((from) => checkCapSlotAccess(s, t, th, from, a, 'read')),
    E.map(() => ({
      state: replaceThread(s, t, setCapReg(th, resolveIndex(c, th.capRegs.length), s.capMemory.get(a) ?? null)),
      output: ok,
    })),
  );
};
