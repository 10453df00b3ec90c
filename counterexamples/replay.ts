// Replaying a stored counterexample: run its trace on every machine named in its recorded
// outcomes and report whether each expectation (fail / pass) still holds. Never re-shrinks.
import { type Op, opToString } from '../alphabet/ops';
import { type Output, outputToString } from '../alphabet/output';
import type { PropertyDef, Violation } from '../properties/types';
import type { MachineFactory } from '../refinement/machine';
import type { CounterexampleFile } from './format';

export interface OutcomeCheck {
  readonly machine: string;
  readonly expected: 'fail' | 'pass';
  readonly actual: 'fail' | 'pass' | 'unknown machine';
  readonly violation: Violation | null;
}

export interface ReplayResult {
  readonly property: string;
  readonly checks: readonly OutcomeCheck[];
  /** Every recorded expectation still holds. */
  readonly holds: boolean;
}

export const replayCounterexample = (
  cx: CounterexampleFile,
  prop: PropertyDef,
  machineById: (id: string) => MachineFactory | undefined,
): ReplayResult => {
  const scenario = { config: cx.config, ops: cx.trace };
  const checks = Object.entries(cx.outcomes).map(([machine, expected]): OutcomeCheck => {
    const factory = machineById(machine);
    if (factory === undefined) return { machine, expected, actual: 'unknown machine', violation: null };
    const v = prop.check(scenario, factory).violation;
    return { machine, expected, actual: v === null ? 'pass' : 'fail', violation: v };
  });
  return { property: prop.id, checks, holds: checks.every((c) => c.actual === c.expected) };
};

/** The trace as it runs on one machine: one line per op with its output. */
export const narrate = (factory: MachineFactory, cx: CounterexampleFile): string[] => {
  const m = factory.create(cx.config);
  return cx.trace.map((op: Op, i: number) => {
    let out: Output | string;
    try {
      out = m.step(op);
    } catch (e) {
      out = `THREW ${String(e)}`;
    }
    return `${String(i).padStart(3)}  ${opToString(op).padEnd(44)} ${typeof out === 'string' ? out : outputToString(out)}`;
  });
};
