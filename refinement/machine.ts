// The interface every implementation of the CODOMs machine satisfies, so that the
// refinement checker and every property suite run against it. The shipped impl is one
// Machine; each mutant is another; a user's own design can be a third.
import type { Config } from '../alphabet/config';
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import type { SpecState } from '../spec/state/machine';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { DipcState } from '../spec/state/dipc';

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

/** The dIPC layer's machine: the same contract over dIPC configs, ops and states. */
export interface DipcMachine {
  step(op: DipcOp): Output;
  abstract(): DipcState;
}

export interface DipcMachineFactory {
  readonly id: string;
  create(cfg: DipcConfig): DipcMachine;
}
