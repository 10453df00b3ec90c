// What a property is: a plain function from a scenario and a machine to a verdict, usable
// from vitest, from the command line and from the mutant runner alike.
import type fc from 'fast-check';
import type { Op } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import type { Scenario } from '../gen/scenario';
import type { DipcMachineFactory, MachineFactory } from '../refinement/machine';
import type { DipcScenario } from '../gen/dipc-scenario';
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
  /** Events the scenario showed (a completed call, a kill mid-chain ...), for coverage statistics and gates. */
  readonly events?: readonly string[];
  /** Ops executed (per machine run) while checking the scenario. */
  readonly ops: number;
  /** Outputs of the machine under test, one per op executed, for statistics. */
  readonly outputs: readonly Output[];
}

/** Which machine a property speaks about: the CODOMs machine (§4) or the dIPC system (§5). */
export type LayerId = 'codoms' | 'dipc';

export interface PropertyDef<Sc = Scenario, F = MachineFactory> {
  /** Stable id used in test names, reports and counterexample folders: 'C1', 'REF', 'REF.dipc'. */
  readonly id: string;
  readonly title: string;
  readonly layer: LayerId;
  /** Whether scenarios include malformed indices and values. */
  readonly wild?: boolean;
  /** The property's own scenario generator (the layer's default when absent). */
  readonly scenarios?: (maxOps?: number) => fc.Arbitrary<Sc>;
  /**
   * The coverage gate: events that make a run meaningful for this property, each with the
   * least share of scenarios that must show it. A passing run below it fails as
   * "generator coverage too low", so the property never passes vacuously.
   */
  readonly coverage?: Readonly<Record<string, number>>;
  check(scenario: Sc, factory: F): Verdict;
}

export type CodomsProperty = PropertyDef<Scenario, MachineFactory> & { readonly layer: 'codoms' };
export type DipcProperty = PropertyDef<DipcScenario, DipcMachineFactory> & { readonly layer: 'dipc' };
export type AnyProperty = CodomsProperty | DipcProperty;

/** What a step check returns when the property breaks. */
export interface Broken {
  readonly expected: string;
  readonly observed: string;
}

/** A step property: a predicate over each executed op; returns what was expected when it breaks. */
export type StepCheck = (obs: StepObservation) => Broken | null;
