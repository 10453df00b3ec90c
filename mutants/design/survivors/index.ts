// Design flaws the properties miss (docs/mutants.md "Design flaws the properties miss"): each
// survives its targets at check's default budget, so it is not in ALL_DESIGN_MUTANTS (npm test
// would fail). Kept here, not run by npm test: `targets` names the properties that judge the
// flaw once a scenario reaches it. The witness (properties/security/witness) judges every one
// of these acts; what is missing is a generator that makes the act and then uses it (issue
// 13). Once one is caught, move the file to ../, list it in ../index.ts and record its trace
// (`dipc-spec record-mutants --design --only <id>`).
import type { DesignMutant } from '../types';

export const SURVIVING_DESIGN_MUTANTS: readonly DesignMutant[] = [];
