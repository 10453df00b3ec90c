// Refinement for the dIPC layer: step the dIPC spec and a DipcMachine on each op, compare
// outputs at every step and α(machine) with the spec state every `stride` steps.
import { dipcOpToString } from '../alphabet/dipc-ops';
import { type Output, outputToString, sameOutput } from '../alphabet/output';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { RefinementVerdict } from './verdict';
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep } from '../spec/transitions/dipc/step';
import { firstDipcDifference } from './dipc-diff';
import type { DipcMachineFactory } from './machine';

const threw = (e: unknown) => `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

export const checkDipcRefinement = (
  sc: { readonly config: DipcConfig; readonly ops: readonly DipcOp[] },
  factory: DipcMachineFactory,
  stride = 1,
): RefinementVerdict => {
  const outputs: Output[] = [];
  let spec = initialDipcState(sc.config);
  let m;
  try {
    m = factory.create(sc.config);
  } catch (e) {
    return { violation: { step: -1, expected: 'the machine boots', observed: threw(e) }, ops: 0, outputs };
  }
  const boot = firstDipcDifference(spec, m.abstract());
  if (boot !== null) return { violation: { step: -1, expected: 'α(impl) = spec at boot', observed: boot }, ops: 0, outputs };
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    const next = dipcStep(spec, op);
    let out: Output;
    try {
      out = m.step(op);
    } catch (e) {
      return { violation: { step: i, expected: `${dipcOpToString(op)} returns ${outputToString(next.output)}`, observed: threw(e) }, ops: i + 1, outputs };
    }
    outputs.push(out);
    spec = next.state;
    if (!sameOutput(next.output, out))
      return { violation: { step: i, expected: `${dipcOpToString(op)} returns ${outputToString(next.output)}`, observed: `returned ${outputToString(out)}` }, ops: i + 1, outputs };
    if ((i + 1) % stride === 0 || i === sc.ops.length - 1) {
      const d = firstDipcDifference(spec, m.abstract());
      if (d !== null) return { violation: { step: i, expected: `α(impl) = spec after ${dipcOpToString(op)}`, observed: d }, ops: i + 1, outputs };
    }
  }
  return { violation: null, ops: sc.ops.length, outputs };
};
