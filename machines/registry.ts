// Every machine the tools can run a property against, by id and layer: the spec, the impl
// and each mutant (`--machine <id>`, and the `outcomes` keys of counterexample files).
import type { Output } from '../alphabet/output';
import { ALL_DIPC_MUTANTS } from '../mutants/dipc/index';
import { ALL_MUTANTS } from '../mutants/index';
import { ALL_DESIGN_MUTANTS } from '../mutants/design/index';
import type { AnyScenario, PropertyReport, RunOptions } from '../properties/runner';
import { runProperty } from '../properties/runner';
import type { AnyProperty, LayerId, Verdict } from '../properties/types';
import type { DipcScenario } from '../gen/dipc-scenario';
import type { Scenario } from '../gen/scenario';
import { dipcImplFactory } from '../refinement/dipc-impl-machine';
import { dipcSpecFactory } from '../refinement/dipc-spec-machine';
import { implFactory } from '../refinement/impl-machine';
import type { DipcMachineFactory, MachineFactory } from '../refinement/machine';
import { specFactory } from '../refinement/spec-machine';
import type { Stepper } from '../counterexamples/replay';

export const machineById = (id: string): MachineFactory | undefined =>
  id === 'impl' ? implFactory : id === 'spec' ? specFactory : ALL_MUTANTS.find((m) => m.id === id)?.factory;

export const dipcMachineById = (id: string): DipcMachineFactory | undefined =>
  id === 'impl'
    ? dipcImplFactory
    : id === 'spec'
      ? dipcSpecFactory
      : (ALL_DIPC_MUTANTS.find((m) => m.id === id) ?? ALL_DESIGN_MUTANTS.find((m) => m.id === id))?.factory;

/**
 * A mutant of either layer, with the properties meant to kill it. `kind` says what is
 * flawed: the impl (a subclass of it: REF sees it) or the design (a variant of the spec:
 * only the oracles can see it; it runs on the dIPC layer's properties).
 */
export interface AnyMutant {
  readonly id: string;
  readonly layer: LayerId;
  readonly kind: 'impl' | 'design';
  readonly description: string;
  readonly targets: readonly string[];
}

export const EVERY_MUTANT: readonly AnyMutant[] = [
  ...ALL_MUTANTS.map((m) => ({ id: m.id, layer: 'codoms' as const, kind: 'impl' as const, description: m.description, targets: m.targets })),
  ...ALL_DIPC_MUTANTS.map((m) => ({ id: m.id, layer: 'dipc' as const, kind: 'impl' as const, description: m.description, targets: m.targets })),
];

/** The design mutants (issue 12 §3): variants of the spec, run with `dipc-spec mutants --design`. */
export const DESIGN_MUTANTS: readonly AnyMutant[] = ALL_DESIGN_MUTANTS.map((m) => ({
  id: m.id, layer: 'dipc' as const, kind: 'design' as const, description: m.description, targets: m.targets,
}));

export const MACHINE_IDS: readonly string[] = ['impl', 'spec', ...EVERY_MUTANT.map((m) => m.id), ...DESIGN_MUTANTS.map((m) => m.id)];

/** Does machine `id` exist in this property's layer? */
export const hasMachine = (prop: AnyProperty, id: string): boolean =>
  prop.layer === 'codoms' ? machineById(id) !== undefined : dipcMachineById(id) !== undefined;

/** Run a property against the machine called `id` in its layer; null when there is none. */
export const runOn = (prop: AnyProperty, id: string, opts: Omit<RunOptions<unknown>, 'factory'>): PropertyReport | null => {
  if (prop.layer === 'codoms') {
    const factory = machineById(id);
    return factory === undefined ? null : runProperty(prop, { ...opts, factory });
  }
  const factory = dipcMachineById(id);
  return factory === undefined ? null : runProperty(prop, { ...opts, factory });
};

/** Check one scenario with a property against machine `id`; null when there is no such machine. */
export const checkOn = (prop: AnyProperty, scenario: AnyScenario, id: string): Verdict | null => {
  if (prop.layer === 'codoms') {
    const factory = machineById(id);
    return factory === undefined ? null : prop.check(scenario as Scenario, factory);
  }
  const factory = dipcMachineById(id);
  return factory === undefined ? null : prop.check(scenario as DipcScenario, factory);
};

/**
 * Machine `id` of a layer, booted on `config`, to be stepped one op at a time (replay's
 * narration): a thrown error is the output `THREW ...` and ends the machine. Null when there
 * is no such machine.
 */
export const stepperOn = (layer: LayerId, id: string, config: unknown): Stepper | null => {
  const factory = layer === 'codoms' ? machineById(id) : dipcMachineById(id);
  if (factory === undefined) return null;
  const threw = (e: unknown) => `THREW ${e instanceof Error ? e.message : String(e)}`;
  let m: { step(op: unknown): Output; abstract(): unknown } | null = null;
  let bootError: string | null = null;
  try {
    m = (factory.create as (c: unknown) => { step(op: unknown): Output; abstract(): unknown })(config);
  } catch (e) {
    bootError = threw(e);
  }
  return {
    step: (op) => {
      if (m === null) {
        const once = bootError ?? undefined;
        bootError = null;
        return once;
      }
      try {
        return m.step(op);
      } catch (e) {
        m = null;
        return threw(e);
      }
    },
    abstract: () => {
      if (m === null) return null;
      try {
        return m.abstract();
      } catch (e) {
        m = null;
        return null;
      }
    },
  };
};
