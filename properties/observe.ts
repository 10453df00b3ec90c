// Runs a scenario on a machine and hands each step, abstracted, to a step check.
// A machine that throws is reported as a violation rather than crashing the suite.
import { type Output, outputToString } from '../alphabet/output';
import type { Scenario } from '../gen/scenario';
import { CODOMS_LAYER, DIPC_LAYER, type Layer, type LayerMachine } from '../refinement/layer';
import type { MachineFactory } from '../refinement/machine';
import type { SpecState } from '../spec/state/machine';
import { codomsReach, dipcReach, type ReachObserver } from './reach';
import type { Broken, StepCheck, Verdict } from './types';

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
    return { violation: { step: -1, expected: 'the machine boots', observed: `threw ${describeThrow(e)}` }, ops: 0, outputs };
  }
  let pre = m.abstract();
  for (let i = 0; i < scenario.ops.length; i++) {
    const op = scenario.ops[i];
    let output: Output;
    try {
      output = m.step(op);
    } catch (e) {
      return { violation: { step: i, expected: `${layer.show(op)} returns`, observed: `threw ${describeThrow(e)}` }, ops: i + 1, outputs, events: [...events] };
    }
    outputs.push(output);
    const post = m.abstract();
    reach?.(op, pre, output, post, events);
    const broken = check({ index: i, op, pre, output, post }, events);
    if (broken !== null) {
      return {
        violation: { step: i, expected: broken.expected, observed: `${broken.observed} (output: ${outputToString(output)})` },
        ops: i + 1,
        outputs,
        events: [...events],
      };
    }
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
