// Runs a scenario on a machine and hands each step, abstracted, to a step check.
// A machine that throws is reported as a violation rather than crashing the suite.
import { type Output, outputToString } from '../alphabet/output';
import type { Scenario } from '../gen/scenario';
import type { DipcOp } from '../alphabet/dipc-ops';
import { CODOMS_LAYER, DIPC_LAYER, type Layer, type LayerMachine } from '../refinement/layer';
import type { DipcState } from '../spec/state/dipc';
import type { MachineFactory } from '../refinement/machine';
import type { SpecState } from '../spec/state/machine';
import { codomsReach, dipcReach, type ReachObserver } from './reach';
import { type CheckSession, type Runs, stickySession } from './session';
import type { Broken, StepCheck, Verdict, Violation } from './types';

const describeThrow = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** One executed op of any layer: abstract states before and after, and the output. */
export interface LayerObservation<O, St> {
  readonly index: number;
  readonly op: O;
  readonly pre: St;
  readonly output: Output;
  readonly post: St;
}

/** A step check for any layer; it may also name the events the step showed (for coverage). */
export type LayerStepCheck<O, St> = (obs: LayerObservation<O, St>, events: Set<string>) => Broken | null;

const bootThrew = (e: unknown): Violation => ({ step: -1, expected: 'the machine boots', observed: `threw ${describeThrow(e)}` });
const threwAt = <O>(layer: { show(op: O): string }, i: number, op: O, e: unknown): Violation => ({ step: i, expected: `${layer.show(op)} returns`, observed: `threw ${describeThrow(e)}` });

/** One executed step judged by a step check: what checkStepsIn and its session (stepSession) both report. */
const judgeStep = <O, St>(i: number, op: O, pre: St, output: Output, post: St, check: LayerStepCheck<O, St>, events: Set<string>): Violation | null => {
  const broken = check({ index: i, op, pre, output, post }, events);
  return broken === null ? null : { step: i, expected: broken.expected, observed: `${broken.observed} (output: ${outputToString(output)})` };
};

export const checkStepsIn = <Cfg, O, St>(
  layer: Layer<Cfg, O, St>,
  scenario: { readonly config: Cfg; readonly ops: readonly O[] },
  factory: { create(cfg: Cfg): LayerMachine<O, St> },
  check: LayerStepCheck<O, St>,
): Verdict => {
  const outputs: Output[] = [];
  const events = new Set<string>();
  // What the attack patterns reached (properties/reach.ts): every step, whatever the check.
  const reach = (layer === (DIPC_LAYER as unknown) ? dipcReach() : layer === (CODOMS_LAYER as unknown) ? codomsReach() : null) as ReachObserver<O, St> | null;
  let m;
  try {
    m = factory.create(scenario.config);
  } catch (e) {
    return { violation: bootThrew(e), ops: 0, outputs };
  }
  let pre = m.abstract();
  for (let i = 0; i < scenario.ops.length; i++) {
    const op = scenario.ops[i];
    let output: Output;
    try {
      output = m.step(op);
    } catch (e) {
      return { violation: threwAt(layer, i, op, e), ops: i + 1, outputs, events: [...events] };
    }
    outputs.push(output);
    const post = m.abstract();
    reach?.(op, pre, output, post, events);
    const violation = judgeStep(i, op, pre, output, post, check, events);
    if (violation !== null) return { violation, ops: i + 1, outputs, events: [...events] };
    pre = post;
  }
  return { violation: null, ops: scenario.ops.length, outputs, events: [...events] };
};

/** The CODOMs layer's step checks (C1-C6). */
export const checkSteps = (scenario: Scenario, factory: MachineFactory, check: StepCheck): Verdict =>
  checkStepsIn<unknown, Scenario['ops'][number], SpecState>(CODOMS_LAYER as never, scenario, factory, (obs) => check(obs));

/** Combine named sub-conditions (CHERI Sail style): the first that breaks is reported. */
export const allOf =
  (...checks: StepCheck[]): StepCheck =>
  (obs) => {
    for (const c of checks) {
      const r = c(obs);
      if (r !== null) return r;
    }
    return null;
  };

/**
 * checkStepsIn on the dIPC layer, incrementally (properties/session.ts): the same step check
 * fed one op at a time over the shared run of the machine under test. Only the verdict is
 * kept: events and the reach observer (coverage) are not, and neither changes a verdict.
 */
export const stepSession = (runs: Runs, check: LayerStepCheck<DipcOp, DipcState>): CheckSession => {
  const b = runs.machine(runs.config);
  if (b.threw) return stickySession(bootThrew(b.error), () => null);
  let at = b.cursor;
  let i = 0;
  const events = new Set<string>();
  return stickySession(null, (op) => {
    const k = i++;
    const s = at.step(op);
    if (s.threw) return threwAt(DIPC_LAYER, k, op, s.error);
    const v = judgeStep(k, op, at.state, s.output, s.next.state, check, events);
    at = s.next;
    return v;
  });
};
