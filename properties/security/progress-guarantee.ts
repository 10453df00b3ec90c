// Honest progress as a guarantee with a policy condition (issue 12 §2), like the ARG-*
// guarantees (arg-guarantee.ts): the suite's form (a part of P5), the unguarded form (every
// call, whatever its policy), and findings, each dropping one condition, with a stored trace
// showing that the condition is needed (counterexamples/P5~<suffix>/).
//
// What the condition asks, per side of the call a failure is charged to (progress.ts):
//  - an honest caller whose callee is an adversary: its frames and stack capability out of
//    the callee's reach (stackConf: the proxy switches stacks and restores c7; or stackInt
//    in its import: the stub parks its whole-stack capability on the DCS and narrows c7),
//    and a DCS the callee cannot edit (dcsConf: the callee works on a copy and the proxy
//    restores the caller's; or dcsInt: the base hides the caller's entries and the return
//    or unwind restores the DCS as it was at the call, docs/dipc-model.md "DCS integrity on
//    return and unwind"). §5.2.3 says what each property protects; without them the
//    callee can replace c7, pop or push the caller's DCS entries, and make its epilogue
//    fault or lose what it parked.
//  - an honest callee an adversary called: a stack and a DCS of its own (stackConf,
//    dcsConf: without them it runs on the stack and DCS the adversary left it), and, when
//    the call passes buffers, argument copy (its stub reads its own copy at return instead
//    of reading through c0.., which its nested calls, or an unwind of one, may leave empty).
import type { IsolationProp } from '../../alphabet/policy';
import { containmentScenarioArb } from '../../gen/security-scenario';
import { type SecurityProperty, securityProperty } from './harness';
import { makeProgressCheck, type ProgressCall, type ProgressCondition } from './progress';

const has = (p: readonly IsolationProp[] | null, k: IsolationProp): boolean => (p ?? []).includes(k);

/** The parts of the condition, each of which a finding drops. */
interface Parts {
  readonly callerStack: boolean;
  readonly callerDcs: 'dcsConf' | 'dcsInt or dcsConf' | 'none';
  readonly calleeStack: boolean;
  readonly calleeDcs: boolean;
  readonly calleeArgCopy: boolean;
}

const FULL: Parts = { callerStack: true, callerDcs: 'dcsInt or dcsConf', calleeStack: true, calleeDcs: true, calleeArgCopy: true };

export const progressCondition = (parts: Parts): ProgressCondition => (c: ProgressCall, side) => {
  const p = c.open.policy;
  if (side === 'caller') {
    const stack = !parts.callerStack || has(p, 'stackConf') || has(c.open.callerPolicy, 'stackInt');
    const dcs = parts.callerDcs === 'none' || has(p, 'dcsConf') || (parts.callerDcs === 'dcsInt or dcsConf' && has(p, 'dcsInt'));
    return stack && dcs;
  }
  return (!parts.calleeStack || has(p, 'stackConf')) && (!parts.calleeDcs || has(p, 'dcsConf'))
    && (!parts.calleeArgCopy || c.open.signature.dcsArgs === 0 || has(c.open.calleePolicy, 'argCopy'));
};

export const PROGRESS_NEEDS =
  "the honest caller's call: (stackConf or stackInt in its import) and (dcsInt or dcsConf); an adversary's call into an honest callee: stackConf and dcsConf, and argCopy when it passes buffers";

const TITLE = 'honest progress: an honest thread never faults, ends, or loses a capability it owns because of an adversary, except as the paper specifies';

const prop = (id: string, condition: ProgressCondition, note = ''): SecurityProperty & { readonly note: string } => ({
  ...securityProperty(
    { id, title: TITLE, needs: PROGRESS_NEEDS, coverage: {}, makeCheck: () => makeProgressCheck({ condition, ownEntry: progressCondition(FULL) }) },
    containmentScenarioArb,
  ),
  note,
});

/** The suite's condition (P5 runs the check under it). */
export const PROGRESS_CONDITION = progressCondition(FULL);

/** The part alone, under the suite's condition (P5 runs it with the others): for targeted runs and tests. */
export const PROGRESS = prop('P5-progress', PROGRESS_CONDITION, 'honest progress alone, under its condition');

/** Checked on every call, whatever the policy. */
export const PROGRESS_UNGUARDED = prop('P5-progress~unguarded', () => true, 'honest progress checked whatever the policy');

/**
 * For the policy audit, one side at a time: the side's honest threads judged whatever the
 * policy, the other side's under the suite's condition (a failure charged to the other
 * side is that side's cell's business, not this one's).
 */
export const progressForSide = (side: 'caller' | 'callee'): SecurityProperty & { readonly note: string } =>
  prop(`P5-progress~unguarded-${side}`, (c, s) => s === side || PROGRESS_CONDITION(c, s), `honest progress of the ${side}, checked whatever the policy`);

/** Each condition dropped, with what goes wrong without it (docs/security.md, findings). */
export const PROGRESS_FINDINGS: readonly (SecurityProperty & { readonly note: string })[] = [
  prop('P5~caller-stack-unprotected', progressCondition({ ...FULL, callerStack: false }),
    "without stackConf or stackInt the adversarial callee shares the honest caller's stack and c7: it can replace c7, and the caller resumes without its stack capability (or its epilogue faults)"),
  prop('P5~caller-dcs-unprotected', progressCondition({ ...FULL, callerDcs: 'none' }),
    "without dcsInt or dcsConf the adversarial callee pops and pushes the honest caller's own DCS entries: the caller resumes with a DCS that is not the one it left"),
  prop('P5~callee-shared-dcs', progressCondition({ ...FULL, calleeDcs: false }),
    "without dcsConf an honest callee runs on the DCS its adversarial caller left: a caller that fills it makes the callee stub's push overflow (dcsOverflow)"),
  prop('P5~callee-shared-stack', progressCondition({ ...FULL, calleeStack: false }),
    "without stackConf an honest callee runs on the stack its adversarial caller left: the caller chooses sp and c7, and the callee stub's pushes fault"),
  prop('P5~callee-without-argcopy', progressCondition({ ...FULL, calleeArgCopy: false }),
    "without argCopy an honest callee reads its buffer arguments through c0.. at return: a nested call it made to an adversary that crashed (the kernel clears c0-c5, DESIGN §11) or that emptied them leaves it nothing to read, and its stub faults"),
];
