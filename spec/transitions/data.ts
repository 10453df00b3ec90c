// Register moves and data memory accesses (§4.1): li, mov, load, store.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { AddrSel } from '../../alphabet/address';
import { resolveIndex, toWord } from '../../alphabet/resolve';
import { ok, value } from '../../alphabet/output';
import type { SpecState } from '../state/machine';
import { checkDataAccess, currentDomain } from './access';
import { resolveAddress } from './addresses';
import { type Check, replaceThread, setReg } from './result';
import type { StepOutcome } from './outcome';

/** li: load an immediate (unprivileged, needs only a runnable ip). */
export const li = (s: SpecState, t: number, r: number, v: number): Check<StepOutcome> =>
  pipe(
    currentDomain(s, s.threads[t]),
    E.map(() => {
      const th = s.threads[t];
      return { state: replaceThread(s, t, setReg(th, resolveIndex(r, th.regs.length), toWord(v))), output: ok };
    }),
  );

/** mov: copy one register to another. */
export const mov = (s: SpecState, t: number, r: number, src: number): Check<StepOutcome> =>
  pipe(
    currentDomain(s, s.threads[t]),
    E.map(() => {
      const th = s.threads[t];
      const v = th.regs[resolveIndex(src, th.regs.length)];
      return { state: replaceThread(s, t, setReg(th, resolveIndex(r, th.regs.length), v)), output: ok };
    }),
  );

/** load: read one data word; needs read access by the rule of §4.1/§4.2. */
export const load = (s: SpecState, t: number, r: number, sel: AddrSel): Check<StepOutcome> => {
  const th = s.threads[t];
  const a = resolveAddress(s, th, sel);
  return pipe(
    currentDomain(s, th),
    E.chain((from) => checkDataAccess(s, t, th, from, a, 'read')),
    E.map(() => {
      const v = s.memory.get(a) ?? 0;
      return { state: replaceThread(s, t, setReg(th, resolveIndex(r, th.regs.length), v)), output: value(v) };
    }),
  );
};

/** store: write one data word; needs write access. Zero words are not kept (canonical state). */
export const store = (s: SpecState, t: number, r: number, sel: AddrSel): Check<StepOutcome> => {
  const th = s.threads[t];
  const a = resolveAddress(s, th, sel);
  return pipe(
    currentDomain(s, th),
    E.chain((from) => checkDataAccess(s, t, th, from, a, 'write')),
    E.map(() => ({ state: { ...s, memory: writeWord(s.memory, a, th.regs[resolveIndex(r, th.regs.length)]) }, output: ok })),
  );
};

export const writeWord = (mem: ReadonlyMap<number, number>, a: number, v: number): ReadonlyMap<number, number> => {
  const next = new Map(mem);
  if (v === 0) next.delete(a);
  else next.set(a, v);
  return next;
};
