// Machines whose whole state is one immutable value stepped by a pure function: the dIPC spec
// and the design mutants (spec variants, mutants/design/spec-variant.ts). Registered here so
// that `explore` can copy such a machine by sharing its state value (explore/machine.ts),
// where any other machine that is not the impl is copied by replaying its trace.
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Output } from '../alphabet/output';
import type { DipcState } from '../spec/state/dipc';
import type { DipcMachine } from './machine';

export type PureStep = (s: DipcState, op: DipcOp) => { readonly state: DipcState; readonly output: Output };

/** The pure step behind a machine, and the state it holds now. */
export interface PureFacet {
  readonly step: PureStep;
  readonly state: () => DipcState;
}

export const pureBehind = new WeakMap<DipcMachine, PureFacet>();

/** A machine over a pure step, from a state, registered in pureBehind. */
export const pureMachine = (step: PureStep, initial: DipcState): DipcMachine => {
  let s = initial;
  const m: DipcMachine = {
    step: (op) => {
      const r = step(s, op);
      s = r.state;
      return r.output;
    },
    abstract: () => s,
  };
  pureBehind.set(m, { step, state: () => s });
  return m;
};
