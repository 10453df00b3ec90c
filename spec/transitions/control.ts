// Control transfers (§4.1): call pushes the return address on the data stack and jumps;
// ret pops it and jumps back. Both ends are checked: the target by the control rule, the
// stack word by the data rule of the code that executes the call or return.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { AddrSel } from '../../alphabet/address';
import { SP } from '../../alphabet/config';
import { ok, } from '../../alphabet/output';
import { toWord } from '../../alphabet/resolve';
import type { SpecState } from '../state/machine';
import { checkControlTarget, checkDataAccess, currentDomain } from './access';
import { resolveAddress } from './addresses';
import { writeWord } from './data';
import type { StepOutcome } from './outcome';
import { type Check, replaceThread } from './result';

/** call: target checked first (a bad target never touches the stack), then the push of ip+1 at sp-1. */
export const call = (s: SpecState, t: number, sel: AddrSel): Check<StepOutcome> => {
  const th = s.threads[t];
  const target = resolveAddress(s, th, sel);
  const slot = th.regs[SP] - 1;
  return pipe(
    currentDomain(s, th),
    E.chainFirst((from) => checkControlTarget(s, t, th, from, target)),
    E.chain((from) => checkDataAccess(s, t, th, from, slot, 'write')),
    E.map(() => ({
      state: {
        ...replaceThread(s, t, { ...th, ip: target, regs: th.regs.map((v, i) => (i === SP ? toWord(slot) : v)) }),
        memory: writeWord(s.memory, slot, toWord(th.ip + 1)),
      },
      output: ok,
    })),
  );
};

/** jump: only the target is checked. */
export const jump = (s: SpecState, t: number, sel: AddrSel): Check<StepOutcome> => {
  const th = s.threads[t];
  const target = resolveAddress(s, th, sel);
  return pipe(
    currentDomain(s, th),
    E.chain((from) => checkControlTarget(s, t, th, from, target)),
    E.map(() => ({ state: replaceThread(s, t, { ...th, ip: target }), output: ok })),
  );
};

/** ret: read the word at sp (data rule), then the control rule on it as the target. */
export const ret = (s: SpecState, t: number): Check<StepOutcome> => {
  const th = s.threads[t];
  const slot = th.regs[SP];
  return pipe(
    currentDomain(s, th),
    E.chainFirst((from) => checkDataAccess(s, t, th, from, slot, 'read')),
    E.chain((from) => {
      const target = s.memory.get(slot) ?? 0;
      return pipe(
        checkControlTarget(s, t, th, from, target),
        E.map(() => ({
          state: replaceThread(s, t, { ...th, ip: target, regs: th.regs.map((v, i) => (i === SP ? toWord(slot + 1) : v)) }),
          output: ok,
        })),
      );
    }),
  );
};
