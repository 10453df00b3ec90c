// Run counts for `npm test`, in one place, sized for the 4-minute budget on 2 cores.
// DIPC_SEED overrides the seed; every test prints the seed it used.
export const TEST_SEED = Number(process.env.DIPC_SEED ?? 20170423);
export const PROPERTY_RUNS = 1000;
export const SPEC_PROPERTY_RUNS = 300;
export const MUTANT_RUNS = 3000;
/** The bound on stored mutant counterexamples. */
export const MAX_MUTANT_TRACE = 8;
