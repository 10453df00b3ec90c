// The instructions honest stubs are made of (§5.3.1): each checked by the CODOMs rules with
// the rights of the code that runs it, exactly like a raw instruction. A stub is a list of
// actions; the first that faults stops it, and the fault is the thread's.
import * as E from 'fp-ts/lib/Either.js';
import { SP } from '../../../alphabet/config';
import type { Op } from '../../../alphabet/ops';
import type { Fault } from '../../../alphabet/output';
import { toWord } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import { checkDataAccess, currentDomain } from '../access';
import { writeWord } from '../data';
import { step as codomsStep } from '../step';
import { withHw } from './result';

export type Act = (s: DipcState) => E.Either<Fault, DipcState>;

/** Run actions in order; the first fault stops the run (the state is the one before that action). */
export const runActs = (s: DipcState, acts: readonly Act[]): { state: DipcState; fault: Fault | null } => {
  let cur = s;
  for (const act of acts) {
    const r = act(cur);
    if (E.isLeft(r)) return { state: cur, fault: r.left };
    cur = r.right;
  }
  return { state: cur, fault: null };
};

const setThreadRegs = (s: DipcState, t: number, f: (regs: readonly number[]) => number[]): DipcState =>
  withHw(s, { ...s.hw, threads: s.hw.threads.map((th, i) => (i === t ? { ...th, regs: f(th.regs) } : th)) });

/** `li r, v`: registers hold words, so a stub's value is clamped as an immediate would be. */
export const setReg = (t: number, r: number, v: number): Act => (s) =>
  E.right(setThreadRegs(s, t, (regs) => regs.map((x, i) => (i === r ? toWord(v) : x))));

export const setCapReg = (t: number, c: number, id: number | null): Act => (s) =>
  E.right(withHw(s, { ...s.hw, threads: s.hw.threads.map((th, i) => (i === t ? { ...th, capRegs: th.capRegs.map((x, j) => (j === c ? id : x)) } : th)) }));

/** `sub sp, 1; store v -> [sp]`: the store is checked as a data write by the running code. */
export const push = (t: number, value: (s: DipcState) => number): Act => (s) => {
  const th = s.hw.threads[t];
  const a = th.regs[SP] - 1;
  const v = toWord(value(s));
  return E.map(() => {
    const moved = setThreadRegs(s, t, (regs) => regs.map((x, i) => (i === SP ? a : x)));
    return withHw(moved, { ...moved.hw, memory: writeWord(moved.hw.memory, a, v) });
  })(E.chain((from: number) => checkDataAccess(s.hw, t, th, from, a, 'write'))(currentDomain(s.hw, th)));
};

/** `load r <- [sp]; add sp, 1`: the load is checked as a data read. */
export const pop = (t: number, r: number): Act => (s) => {
  const th = s.hw.threads[t];
  const a = th.regs[SP];
  return E.map(() => setThreadRegs(s, t, (regs) => regs.map((x, i) => (i === r ? s.hw.memory.get(a) ?? 0 : i === SP ? a + 1 : x))))(
    E.chain((from: number) => checkDataAccess(s.hw, t, th, from, a, 'read'))(currentDomain(s.hw, th)),
  );
};

/** Any CODOMs instruction, run by the CODOMs machine on this thread. */
export const instr = (op: Op): Act => (s) => {
  const r = codomsStep(s.hw, op);
  return r.output.out === 'fault' ? E.left(r.output.fault) : E.right(withHw(s, r.state));
};

/** `load tmp <- [from]; store tmp -> [to]`: both checked; the scratch register is not modelled. */
export const copyWord = (t: number, from: (s: DipcState) => number, to: (s: DipcState) => number): Act => (s) => {
  const th = s.hw.threads[t];
  const a = from(s);
  const b = to(s);
  return E.map(() => withHw(s, { ...s.hw, memory: writeWord(s.hw.memory, b, s.hw.memory.get(a) ?? 0) }))(
    E.chain((dom: number) => E.chain(() => checkDataAccess(s.hw, t, th, dom, b, 'write'))(checkDataAccess(s.hw, t, th, dom, a, 'read')))(
      currentDomain(s.hw, th),
    ),
  );
};

/** `load tmp <- [a]` for a value the stub computes with: checked, the value returned through `sink`. */
export const readWord = (t: number, at: (s: DipcState) => number, sink: (v: number) => void): Act => (s) => {
  const th = s.hw.threads[t];
  const a = at(s);
  return E.map(() => {
    sink(s.hw.memory.get(a) ?? 0);
    return s;
  })(E.chain((dom: number) => checkDataAccess(s.hw, t, th, dom, a, 'read'))(currentDomain(s.hw, th)));
};
