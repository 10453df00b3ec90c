// The seam for design mutants: a DipcMachineFactory that runs a variant of the spec's step.
// A variant receives the spec's own step so it can run it and then change the outcome (an
// effect forgotten or added), or change what the transition sees (a precondition dropped).
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { DipcState } from '../../spec/state/dipc';
import { initialDipcState } from '../../spec/transitions/dipc/boot';
import { type DipcStepOutcome, dipcStep } from '../../spec/transitions/dipc/step';
import type { DipcMachineFactory } from '../../refinement/machine';
import { pureMachine } from '../../refinement/pure-machine';

export type SpecStep = (s: DipcState, op: DipcOp) => DipcStepOutcome;
/** A flawed design: the spec's step, as the variant runs it. */
export type DesignVariant = (s: DipcState, op: DipcOp, spec: SpecStep) => DipcStepOutcome;

export const designFactory = (id: string, variant: DesignVariant): DipcMachineFactory => ({
  id,
  create: (cfg) => pureMachine((s, op) => variant(s, op, dipcStep), initialDipcState(cfg)),
});
