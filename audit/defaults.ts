// The audit's defaults, apart from the audit itself so that the command line can show them
// without loading it.
export const AUDIT_DEFAULT_SEED = 20170423;
/** Scenarios per combination class and side by default: the whole audit within 10 minutes on 2 cores (docs/audit.md "Budget"). */
export const AUDIT_DEFAULT_RUNS = 200;
export const AUDIT_DEFAULT_WITNESS_DIR = 'audit-witnesses';

/** The default cut of each exhaustive search of `audit --exhaustive` (states, not time: the report stays deterministic). */
export const EXHAUSTIVE_DEFAULT_MAX_STATES = 20000;

/** How the audit generates by default (gen/audit-scenario.ts auditStrategyArb; docs/audit.md "Strategy"). */
export const AUDIT_DEFAULT_STRATEGY: 'patterns' | 'swarm' = 'swarm';
