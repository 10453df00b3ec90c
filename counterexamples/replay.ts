// Replaying a stored counterexample: run its trace on every machine named in its recorded
// outcomes and report whether each expectation (fail / pass) still holds. Never re-shrinks.
import { type DipcOp, dipcOpToString } from '../alphabet/dipc-ops';
import { type Output, outputToString } from '../alphabet/output';
import type { AnyScenario } from '../properties/runner';
import type { AnyProperty, Violation } from '../properties/types';
import type { CounterexampleFile } from './format';

/** Run one scenario with a property on machine `id`; null when that machine does not exist in the layer. */
export type CheckOn = (prop: AnyProperty, scenario: AnyScenario, id: string) => { violation: Violation | null } | null;
/** Step a trace on machine `id` of a layer, one output per op; null when there is no such machine. */
export type StepOn = (layer: 'codoms' | 'dipc', id: string, config: unknown, ops: readonly DipcOp[]) => (Output | string)[] | null;

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

export const replayCounterexample = (cx: CounterexampleFile, prop: AnyProperty, checkOn: CheckOn): ReplayResult => {
  const scenario = { config: cx.config, ops: cx.trace } as AnyScenario;
  const checks = Object.entries(cx.outcomes).map(([machine, expected]): OutcomeCheck => {
    const verdict = checkOn(prop, scenario, machine);
    if (verdict === null) return { machine, expected, actual: 'unknown machine', violation: null };
    const v = verdict.violation;
    return { machine, expected, actual: v === null ? 'pass' : 'fail', violation: v };
  });
  return { property: prop.id, checks, holds: checks.every((c) => c.actual === c.expected) };
};

/** The trace as it runs on one machine: one line per op with its output. */
export const narrate = (stepOn: StepOn, cx: CounterexampleFile): string[] => {
  const outs = stepOn(cx.layer ?? 'codoms', cx.machine, cx.config, cx.trace) ?? [];
  return cx.trace.map((op, i) => {
    const out = outs[i];
    const shown = out === undefined ? '' : typeof out === 'string' ? out : outputToString(out);
    return `${String(i).padStart(3)}  ${dipcOpToString(op).padEnd(44)} ${shown}`;
  });
};
