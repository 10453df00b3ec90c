// Honest progress as a guarantee with a policy condition (issue 12 §2): the suite's form
// (in P5), the unguarded form, and findings that drop one condition.
import { containmentScenarioArb } from '../../gen/security-scenario';
import { type SecurityProperty, securityProperty } from './harness';
import { makeProgressCheck, type ProgressCondition } from './progress';

const prop = (id: string, condition: ProgressCondition, calleeFaults = true): SecurityProperty =>
  securityProperty(
    {
      id,
      title: 'honest progress: an honest thread never faults, ends, or loses a capability it owns because of an adversary, except as the paper specifies',
      needs: 'see progress-guarantee.ts',
      coverage: {},
      makeCheck: () => makeProgressCheck({ condition, calleeFaults }),
    },
    containmentScenarioArb,
  );

export const PROGRESS_UNGUARDED = prop('P5-PROGRESS~unguarded', () => true);

const has = (p: readonly string[] | null, k: string): boolean => (p ?? []).includes(k);
/** Candidate condition (experiment). */
export const candidate: ProgressCondition = (c, side) =>
  side === 'caller'
    ? (has(c.open.policy, 'stackConf') || has(c.open.callerPolicy, 'stackInt')) && has(c.open.policy, 'dcsConf')
    : has(c.open.policy, 'stackConf') && has(c.open.policy, 'dcsConf') && (c.open.signature.dcsArgs === 0 || has(c.open.calleePolicy, 'argCopy'));
export const PROGRESS_CANDIDATE = prop('P5-PROGRESS~candidate', candidate);
