// Runs a scenario on a machine and hands each step, abstracted, to a step check.
// A machine that throws is reported as a violation rather than crashing the suite.
import { type Output, outputToString } from '../alphabet/output';
import { opToString } from '../alphabet/ops';
import type { Scenario } from '../gen/scenario';
import type { MachineFactory } from '../refinement/machine';
import type { StepCheck, Verdict } from './types';

const describeThrow = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

export const checkSteps = (scenario: Scenario, factory: MachineFactory, check: StepCheck): Verdict => {
  const outputs: Output[] = [];
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
      return { violation: { step: i, expected: `${opToString(op)} returns`, observed: `threw ${describeThrow(e)}` }, ops: i + 1, outputs };
    }
    outputs.push(output);
    const post = m.abstract();
    const broken = check({ index: i, op, pre, output, post });
    if (broken !== null) {
      return {
        violation: { step: i, expected: broken.expected, observed: `${broken.observed} (output: ${outputToString(output)})` },
        ops: i + 1,
        outputs,
      };
    }
    pre = post;
  }
  return { violation: null, ops: scenario.ops.length, outputs };
};

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
