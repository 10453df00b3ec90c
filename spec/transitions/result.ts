// The shape every transition shares: a check ladder yielding Either<Fault, T>, then an effect.
import * as E from 'fp-ts/lib/Either.js';
import type { Fault, FaultKind } from '../../alphabet/output';
import type { SpecState } from '../state/machine';
import type { ThreadState } from '../state/threads';

export type Check<T> = E.Either<Fault, T>;

export const pass = <T>(v: T): Check<T> => E.right(v);
export const failWith = (kind: FaultKind, addr: number | null = null): Check<never> =>
  E.left({ kind, addr });
/** One rung of a ladder: `cond` must hold, else the named fault. */
export const require = (cond: boolean, kind: FaultKind, addr: number | null = null): Check<void> =>
  cond ? E.right(undefined) : E.left({ kind, addr });

export const replaceThread = (s: SpecState, t: number, th: ThreadState): SpecState => ({
  ...s,
  threads: s.threads.map((old, i) => (i === t ? th : old)),
});

export const setReg = (th: ThreadState, r: number, v: number): ThreadState => ({
  ...th,
  regs: th.regs.map((old, i) => (i === r ? v : old)),
});

export const setCapReg = (th: ThreadState, c: number, id: number | null): ThreadState => ({
  ...th,
  capRegs: th.capRegs.map((old, i) => (i === c ? id : old)),
});
