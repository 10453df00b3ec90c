// The successful result of a transition: the next state and what the op returns.
import type { Output } from '../../alphabet/output';
import type { SpecState } from '../state/machine';

export interface StepOutcome {
  readonly state: SpecState;
  readonly output: Output;
}
