// Run counts for `npm test`, in one place, sized for the 4-minute budget on 2 cores.
// DIPC_SEED overrides the seed; every test prints the seed it used.
export const TEST_SEED = Number(process.env.DIPC_SEED ?? 20170423);
export const PROPERTY_RUNS = 1000;
/** Scenarios per dIPC property (REF.dipc, UNW, TMO ...: whole systems per scenario). */
export const DIPC_PROPERTY_RUNS = 600;
export const SPEC_PROPERTY_RUNS = 200;
/** Security properties on the spec (each step of the spec copies state: much slower than the impl). */
export const SPEC_SECURITY_RUNS = 60;
/** Scenarios per security property (each step checks a whole call's worth of state; the relational one runs two machines). */
export const SECURITY_RUNS = 600;
export const MUTANT_RUNS = 3000;
/**
 * Fewer scenarios where a property's verdict does not grow with them: determinism replays a
 * trace twice, and a few hundred traces already cover every op kind (the budget pays for the
 * witness oracles, the design mutants and explore instead).
 */
export const RUNS_OVERRIDE: Readonly<Record<string, number>> = { DET: 300, 'DET.dipc': 200 };
/** The bound on stored mutant counterexamples. */
export const MAX_MUTANT_TRACE = 8;

/** The least share of the UNW run's scenarios each dIPC event must reach (the coverage gate). */
export const DIPC_MIN_SHARES: Record<string, number> = {
  'call completed': 0.3,
  'nesting depth 2': 0.2,
  'nesting depth 3': 0.05,
  'call with every isolation property': 0.05,
  'call with no isolation': 0.02,
  'kill mid-chain': 0.02,
  'kill of a process twice in a chain': 0.02,
  'kill of an away thread’s home': 0.05,
  'crash at depth 1': 0.1,
  'crash at depth 2': 0.05,
  'crash at depth 3': 0.02,
  'crash at depth 4': 0.01,
  'time-out split': 0.03,
  'time-out on a nested call': 0.004,
  'time-out refused (no stack switch)': 0.01,
  'kill racing a time-out': 0.01,
};
