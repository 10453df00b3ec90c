// ARG-REG-CONF, checked relationally (DESIGN §6, "Testing Noninterference, Quickly"; the
// engine is noninterference.ts): the same trace runs on two machines whose honest stubs are
// given different secrets (the arguments of their calls and the results of their returns,
// except what the signature hands an adversary: secrets.ts), and at every step an adversary
// runs, its registers, outputs and loadable words must be the same in both runs.
//
// Registers reach an adversary from an honest side at two points: the entry of a call from an
// honest caller (the caller's stub zeroes the rest when the caller asks for regConf), and the
// return of an honest callee (the callee's stub zeroes the rest when the callee asks for
// regConf). A difference there without regConf is the secret legitimately handed over; a
// secret in a stack word is ARG-STACK-CONF's business (register integrity saves registers on
// the caller's stack). A difference after an unwind or a time-out (no stub runs there; the
// kernel clears what the callee could have written, DESIGN §11), with no visible source, or
// in honest memory the adversary can load, is a violation whatever the policy. Runs whose control flow differs
// (a different KCS depth or current process) are compared no further.
import type { IsolationProp } from '../../alphabet/policy';
import { securityScenarioArb } from '../../gen/security-scenario';
import type { DipcProperty } from '../types';
import { alwaysBroken, type Judge, noninterference } from './noninterference';
import { REGISTER_SECRETS } from './secrets';

const has = (p: readonly IsolationProp[] | undefined, k: IsolationProp) => p?.includes(k) ?? false;

/** Which hand-overs to judge: calls into the adversary (the caller's secrets), returns to it (the callee's), or both. */
export type RegConfSide = 'caller' | 'callee' | 'both';

/**
 * The judgement; `unguarded` holds every hand-over to it whatever the policy (for the audit).
 * Differences only in declared argument and result registers are released: register
 * confidentiality does not speak about them (docs/dipc-model.md "Declared registers are the
 * honest side's act").
 */
const regJudge = (side: RegConfSide, unguarded: boolean): Judge => (d) => {
  if (d.k !== 'handover') return alwaysBroken(d) ?? 'released';
  if (side !== 'both' && d.side !== side) return 'released';
  if (!unguarded && !has(d.policy, 'regConf')) return 'released';
  return { expected: `the adversary's registers do not depend on honest secrets${unguarded ? '' : ' (regConf)'}`, observed: d.what };
};

const makeCheck = (side: RegConfSide, unguarded: boolean) =>
  noninterference(REGISTER_SECRETS, regJudge(side, unguarded), (at, events) => {
    const c = at.calls.at(-1);
    if (c === undefined || !c.callerHonest) return;
    events.add(has(c.callerPolicy ?? undefined, 'regConf') ? 'adversary got control under regConf' : 'adversary got control without regConf');
  });

export const ARG_REG_CONF: DipcProperty & { readonly needs: string } = {
  id: 'ARG-REG-CONF',
  title: 'register confidentiality: the adversary\'s view does not depend on honest register secrets (relational)',
  layer: 'dipc',
  needs: "regConf on the honest side: the caller's for a call into the adversary, the callee's for a return to it",
  scenarios: securityScenarioArb,
  coverage: { 'adversary got control under regConf': 0.05, 'secret out through handover': 0.002 },
  check: makeCheck('both', false),
};

/** One side of ARG-REG-CONF checked whatever the policy, for the audit ('ARG-REG-CONF~unguarded-caller' ...). */
export const regConfUnguarded = (side: 'caller' | 'callee'): DipcProperty => ({
  ...ARG_REG_CONF,
  id: `ARG-REG-CONF~unguarded-${side}`,
  coverage: {},
  check: makeCheck(side, true),
});

