// A design mutant (issue 12 §3): a realistic flaw of the *design*, built as a variant of the
// spec (never a switch inside spec/), with the properties meant to catch it. The spec is a
// pure step function, so the seam is the step itself: a variant runs the spec's dipcStep and
// changes what one transition does (before it, after it, or both), the way a designer who
// forgot a rung of a check ladder or an effect of a Table 2 call would have written it. REF,
// DET and TOTAL cannot see such a flaw (the "reference" would share it): only the oracles can.
import type { DipcMachineFactory } from '../../refinement/machine';

export interface DesignMutant {
  /** Stable kebab-case id, also accepted as `--machine <id>`. */
  readonly id: string;
  readonly description: string;
  /** Where the paper or DESIGN says what the flaw breaks (§5.2.3, Table 2 ...). */
  readonly cites: string;
  /** Ids of the properties meant to kill it (never REF, DET or TOTAL). */
  readonly targets: readonly string[];
  readonly factory: DipcMachineFactory;
}
