// What a property is: a plain function from a scenario and a machine to a verdict, usable
// from vitest, from the command line and from the mutant runner alike.
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import type { Scenario } from '../gen/scenario';
import type { MachineFactory } from '../refinement/machine';
import type { SpecState } from '../spec/state/machine';

/** One executed op as the property sees it: abstract states before and after, and the output. */
export interface StepObservation {
  readonly index: number;
  readonly op: Op;
  readonly pre: SpecState;
  readonly output: Output;
  readonly post: SpecState;
}

export interface Violation {
  /** Index of the op at which the property broke (-1: before any op). */
  readonly step: number;
  readonly expected: string;
  readonly observed: string;
}

export interface Verdict {
  readonly violation: Violation | null;
  /** Ops executed (per machine run) while checking the scenario. */
  readonly ops: number;
  /** Outputs of the machine under test, one per op executed, for statistics. */
  readonly outputs: readonly Output[];
}

export interface PropertyDef {
  /** Stable id used in test names, reports and counterexample folders: 'C1', 'REF'. */
  readonly id: string;
  readonly title: string;
  /** Whether scenarios include malformed indices and values. */
  readonly wild?: boolean;
  check(scenario: Scenario, factory: MachineFactory): Verdict;
}

/** A step property: a predicate over each executed op; returns what was expected when it breaks. */
export type StepCheck = (obs: StepObservation) => { expected: string; observed: string } | null;
