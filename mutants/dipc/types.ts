// A mutant of the dIPC layer: a realistic bug in the dIPC impl, built as a subclass of it
// (never a flag inside impl/), with the properties meant to catch it. The CODOMs layer's
// `Mutant` carries a CODOMs MachineFactory; this one carries a DipcMachineFactory.
import type { DipcMachineFactory } from '../../refinement/machine';

export interface DipcMutant {
  /** Stable kebab-case id, also accepted as `--machine <id>`. */
  readonly id: string;
  readonly description: string;
  /** Ids of the properties meant to kill it (properties/catalogue.ts). */
  readonly targets: readonly string[];
  readonly factory: DipcMachineFactory;
}
