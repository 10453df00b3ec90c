// Events that are not instructions of the thread's code: the scheduler moving a thread to
// another CPU, and a thread crashing on its own. Fault delivery lives here too.
import * as E from 'fp-ts/lib/Either.js';
import { type Fault, type Output, ok } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import type { SpecState } from '../state/machine';
import type { StepOutcome } from './outcome';
import { type Check, replaceThread } from './result';

/** schedule: the thread now runs on CPU `cpu` (mod the number of CPUs). */
export const schedule = (s: SpecState, t: number, cpu: number): Check<StepOutcome> =>
  E.right({ state: replaceThread(s, t, { ...s.threads[t], cpu: resolveIndex(cpu, s.numCpus) }), output: ok });

/** fault: the thread crashes at ip. */
export const crash = (s: SpecState, t: number): Check<StepOutcome> => E.left({ kind: 'crash', addr: s.threads[t].ip });

/**
 * A fault is delivered to the faulting thread: counted, the instruction has no effect, and
 * the thread goes on. (The dIPC layer replaces this with ending or unwinding the thread.)
 */
export const deliverFault = (s: SpecState, t: number, f: Fault): StepOutcome => {
  const out: Output = { out: 'fault', fault: f };
  return { state: replaceThread(s, t, { ...s.threads[t], faults: s.threads[t].faults + 1 }), output: out };
};
