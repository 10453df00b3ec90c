// What a refinement check returns. The properties' Verdict (properties/types.ts) has the same
// shape plus coverage events, so a refinement verdict is a property verdict; it is declared
// here so that the bridge imports nothing above it (only alphabet/, spec/ and impl/).
import type { Output } from '../alphabet/output';

export interface RefinementViolation {
  /** Index of the op at which the machines diverged (-1: at boot). */
  readonly step: number;
  readonly expected: string;
  readonly observed: string;
}

export interface RefinementVerdict {
  readonly violation: RefinementViolation | null;
  /** Ops executed before the verdict. */
  readonly ops: number;
  /** Outputs of the machine under test, one per op executed. */
  readonly outputs: readonly Output[];
}
