// The interface every implementation of the CODOMs machine satisfies, so that the
// refinement checker and every property suite run against it. The shipped impl is one
// Machine; each mutant is another; a user's own design can be a third.
import type { Config } from '../alphabet/config';
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import type { SpecState } from '../spec/state/machine';

export interface Machine {
  /** Execute one op, mutating the machine. Must never throw. */
  step(op: Op): Output;
  /** The abstraction function α: the spec state this machine's state stands for. */
  abstract(): SpecState;
}

export interface MachineFactory {
  readonly id: string;
  create(cfg: Config): Machine;
}
