// A mutant: a realistic bug in the impl, built as a subclass of it (never a flag inside
// impl/), with the properties that are meant to catch it.
import type { MachineFactory } from '../refinement/machine';

export interface Mutant {
  /** Stable kebab-case id, also accepted as `--machine <id>`. */
  readonly id: string;
  readonly description: string;
  /** Ids of the properties meant to kill it (properties/catalogue.ts). */
  readonly targets: readonly string[];
  readonly factory: MachineFactory;
}
