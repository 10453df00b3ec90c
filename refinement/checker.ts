// The refinement checker: the only bridge between spec and impl. It steps both on each op,
// compares outputs at every step and α(impl) with the spec state every `stride` steps.
import { opToString } from '../alphabet/ops';
import { type Output, outputToString, sameOutput } from '../alphabet/output';
import type { Scenario } from '../gen/scenario';
import type { Verdict } from '../properties/types';
import { initialState } from '../spec/state/machine';
import { step } from '../spec/transitions/step';
import { firstDifference } from './diff';
import type { MachineFactory } from './machine';

export interface RefinementOptions {
  /** Compare whole states every `stride` steps (and after the last); outputs are compared always. */
  readonly stride: number;
}

const threw = (e: unknown) => `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

export const checkRefinement = (sc: Scenario, factory: MachineFactory, opts: RefinementOptions = { stride: 1 }): Verdict => {
  const outputs: Output[] = [];
  let spec = initialState(sc.config);
  let m;
  try {
    m = factory.create(sc.config);
  } catch (e) {
    return { violation: { step: -1, expected: 'the machine boots', observed: threw(e) }, ops: 0, outputs };
  }
  const initialDiff = firstDifference(spec, m.abstract());
  if (initialDiff !== null) return { violation: { step: -1, expected: 'α(impl) = spec at boot', observed: initialDiff }, ops: 0, outputs };
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    const next = step(spec, op);
    let out: Output;
    try {
      out = m.step(op);
    } catch (e) {
      return { violation: { step: i, expected: `${opToString(op)} returns ${outputToString(next.output)}`, observed: threw(e) }, ops: i + 1, outputs };
    }
    outputs.push(out);
    spec = next.state;
    if (!sameOutput(next.output, out)) {
      return {
        violation: { step: i, expected: `${opToString(op)} returns ${outputToString(next.output)}`, observed: `returned ${outputToString(out)}` },
        ops: i + 1,
        outputs,
      };
    }
    if ((i + 1) % opts.stride === 0 || i === sc.ops.length - 1) {
      const d = firstDifference(spec, m.abstract());
      if (d !== null) return { violation: { step: i, expected: `α(impl) = spec after ${opToString(op)}`, observed: d }, ops: i + 1, outputs };
    }
  }
  return { violation: null, ops: sc.ops.length, outputs };
};
