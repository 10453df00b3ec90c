// Design flaws the properties miss (docs/mutants.md "Design flaws the properties miss"): each
// survives every design property at check's default budget, so it is not in
// ALL_DESIGN_MUTANTS (npm test would fail). Kept here, not run by npm test, for the oracle
// work (issue 12 §1) to pick up: once a property kills one, move it to ../index.ts and
// record its trace (`dipc-spec record-mutants --design --only <id>`).
import type { DesignMutant } from '../types';

export const SURVIVING_DESIGN_MUTANTS: readonly DesignMutant[] = [];
