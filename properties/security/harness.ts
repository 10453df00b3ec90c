// The shape every security property shares (DESIGN §6, issue 5): a step check over the dIPC
// layer that also sees the calls opening and closing at that step, the isolation
// properties its guarantee needs (a run under a policy without them is not a failure), and
// the coverage it must reach to mean anything.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { IsolationProp } from '../../alphabet/policy';
import { type DipcScenario } from '../../gen/dipc-scenario';
import { securityScenarioArb } from '../../gen/security-scenario';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcMachineFactory } from '../../refinement/machine';
import type { DipcState } from '../../spec/state/dipc';
import { checkStepsIn, type LayerObservation, type LayerStepCheck, stepSession } from '../observe';
import { type CheckSession, type Runs, withSession } from '../session';
import type { Broken, DipcProperty } from '../types';
import { type CallEvent, CallTracker } from './call-tracker';
import { Witness } from './witness/witness';

export type Obs = LayerObservation<DipcOp, DipcState>;

/**
 * One step's check: the observation, the calls that opened or closed, the events to count,
 * and the witness: the history the properties record themselves (witness/witness.ts), already
 * updated with this step.
 */
export type SecurityCheck = (o: Obs, calls: readonly CallEvent[], events: Set<string>, w: Witness) => Broken | null;

/** A requirement on a policy: some isolation properties, any of which (per inner list) suffices. */
export type Requirement = readonly (readonly IsolationProp[])[];

/** Every clause has one of its properties in the policy (an empty requirement always holds). */
export const satisfies = (policy: readonly IsolationProp[], req: Requirement): boolean =>
  req.every((anyOf) => anyOf.some((p) => policy.includes(p)));

export const showRequirement = (req: Requirement): string =>
  req.length === 0 ? 'nothing' : req.map((c) => (c.length === 1 ? c[0] : `(${c.join(' or ')})`)).join(' and ');

export interface SecurityPropertyDef {
  readonly id: string;
  readonly title: string;
  /** What the guarantee needs from the policy, for the README and reports. */
  readonly needs: string;
  /** Events and the least share of scenarios that must show each (the coverage gate). */
  readonly coverage: Readonly<Record<string, number>>;
  /** A fresh step check per scenario (it may keep state across steps). */
  readonly makeCheck: () => SecurityCheck;
}

/** A security check as a layer step check: with its own call tracker and witness, fed every step. */
const observed = (check: SecurityCheck): LayerStepCheck<DipcOp, DipcState> => {
  const witness = new Witness();
  const tracker = new CallTracker(witness);
  return (o, events) => {
    const calls = tracker.observe(o.op, o.pre, o.post, o.output);
    witness.observe(o.op, o.pre, o.output, o.post);
    return check(o, calls, events, witness);
  };
};

export const runSecurityChecks = (sc: DipcScenario, factory: DipcMachineFactory, check: SecurityCheck) => checkStepsIn(DIPC_LAYER, sc, factory, observed(check));

/** runSecurityChecks incrementally (properties/session.ts). */
export const securitySession = (runs: Runs, check: SecurityCheck): CheckSession => stepSession(runs, observed(check));

export type SecurityProperty = DipcProperty & { readonly needs: string; readonly makeCheck: () => SecurityCheck };

export const securityProperty = (d: SecurityPropertyDef, scenarios = securityScenarioArb): SecurityProperty => ({
  id: d.id,
  title: d.title,
  layer: 'dipc',
  needs: d.needs,
  coverage: d.coverage,
  scenarios,
  makeCheck: d.makeCheck,
  check: withSession(
    (sc, factory) => runSecurityChecks(sc, factory, d.makeCheck()),
    (runs) => securitySession(runs, d.makeCheck()),
  ),
});

/** The first broken check, in order. */
export const firstBroken = (...results: (() => Broken | null)[]): Broken | null => {
  for (const r of results) {
    const b = r();
    if (b !== null) return b;
  }
  return null;
};
