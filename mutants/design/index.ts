// Every design mutant (issue 12 §3), in the order reports list them.
import type { DesignMutant } from './types';

export type { DesignMutant } from './types';

export const ALL_DESIGN_MUTANTS: readonly DesignMutant[] = [];
