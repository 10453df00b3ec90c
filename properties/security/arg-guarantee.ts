// One argument guarantee in its three forms (issue 5 item 4, issue 6's audit): the suite's
// property, checked on calls in scope whose policy satisfies what it needs; the unguarded
// form, checked whatever the policy (what the audit runs per combination); and findings,
// each with one condition dropped and a stored trace showing the condition is needed.
import type { DipcScenario } from '../../gen/dipc-scenario';
import type { DipcMachineFactory } from '../../refinement/machine';
import { withPartsSession } from '../session';
import type { Broken, DipcProperty } from '../types';
import type { CallEvent, OpenCall } from './call-tracker';
import { type Obs, type SecurityProperty, securityProperty } from './harness';

export type ReturnCheck = (o: Obs, call: OpenCall, events: Set<string>) => Broken | null;
/**
 * A guarantee conditional on the policy, in three forms:
 *  - the property of the suite: checked on calls in `scope` whose policy satisfies `policy`;
 *  - `unguarded`: checked on every call in scope whatever the policy (the audit runs it per
 *    policy combination to learn which guarantees really hold);
 *  - `findings`: variants that drop one condition, each with a stored trace showing that
 *    dropping it does break the guarantee (issue 5: "a finding to report, not to hide").
 */
export interface Finding {
  /** Appended to the id after '~': counterexamples/<id>~<suffix>/. */
  readonly suffix: string;
  readonly note: string;
  readonly policy?: Condition;
  readonly scope?: (c: OpenCall, o: Obs) => boolean;
  readonly check?: ReturnCheck;
}

/** What a guarantee needs: from the policy, and from the situation an adversary may change (dropped by the unguarded form). */
export type Condition = (c: OpenCall, o: Obs) => boolean;

export interface ArgSpec {
  readonly id: string;
  readonly title: string;
  readonly needs: string;
  readonly policy: Condition;
  /** Calls the guarantee speaks about at all, whatever the policy (structural: kept by the unguarded form). */
  readonly scope: (c: OpenCall, o: Obs) => boolean;
  readonly check: ReturnCheck;
  readonly cover: Record<string, number>;
  readonly findings: readonly Finding[];
  /** The unguarded form's check, when it must look further than the guarded one. */
  readonly unguardedCheck?: ReturnCheck;
  /** A relational half the suite's property also runs (confidentiality: noninterference.ts), with its coverage. */
  readonly relational?: { readonly check: DipcProperty['check']; readonly cover: Record<string, number> };
}

export interface ArgGuarantee {
  readonly property: SecurityProperty;
  readonly unguarded: SecurityProperty;
  readonly findings: readonly (SecurityProperty & { readonly note: string })[];
}

export type Selector = (o: Obs, calls: readonly CallEvent[]) => OpenCall[];

/** Honest callers' calls (made by their stubs) that return normally at this step. */
export const honestReturns: Selector = (_o, calls) =>
  calls.flatMap((c) => (c.k === 'return' && c.call !== undefined && c.call.viaStub ? [c.call] : []));
/**
 * Honest callers' calls (made by their stubs) that end at this step: by a normal return, or
 * by an unwind or time-out that resumes the caller (whose stub epilogue runs as after a return).
 */
export const honestEnds: Selector = (o, calls) => [
  ...honestReturns(o, calls),
  ...calls.flatMap((c) => (c.k === 'unwind' && c.resumed !== undefined && c.resumed.viaStub ? [c.resumed] : [])),
];
/** Honest callers' calls entering their callee at this step. */
export const honestEntries: Selector = (_o, calls) => calls.flatMap((c) => (c.k === 'call' && c.call.callerHonest ? [c.call] : []));

export const build = (a: ArgSpec, select: Selector): ArgGuarantee => {
  const make = (id: string, cover: Record<string, number>, policy: Condition, scope: (c: OpenCall, o: Obs) => boolean, check = a.check) =>
    securityProperty({
      id, title: a.title, needs: a.needs, coverage: cover,
      makeCheck: () => (o, calls, events) => {
        for (const c of select(o, calls)) {
          if (!scope(c, o) || !policy(c, o)) continue;
          if (!c.calleeHonest) events.add(`${a.id}: checked a call to an adversary`);
          events.add(`${a.id}: checked`);
          const b = check(o, c, events);
          if (b !== null) return b;
        }
        return null;
      },
    });
  const stepwise = make(a.id, a.cover, a.policy, a.scope);
  const rel = a.relational;
  // The relational half runs only when the stepwise checks pass: a counterexample names one of them.
  const property: SecurityProperty =
    rel === undefined
      ? stepwise
      : {
          ...stepwise,
          coverage: { ...stepwise.coverage, ...rel.cover },
          check: withPartsSession(
            (sc: DipcScenario, factory: DipcMachineFactory) => {
              const v = stepwise.check(sc, factory);
              if (v.violation !== null) return v;
              const r = rel.check(sc, factory);
              return { violation: r.violation, ops: v.ops, outputs: v.outputs, events: [...(v.events ?? []), ...(r.events ?? [])] };
            },
            [stepwise, rel],
          ),
        };
  return {
    property,
    unguarded: make(`${a.id}~unguarded`, {}, () => true, a.scope, a.unguardedCheck ?? a.check),
    findings: a.findings.map((f) => ({ ...make(`${a.id}~${f.suffix}`, {}, f.policy ?? a.policy, f.scope ?? a.scope, f.check), note: f.note })),
  };
};

/** Honest callees returning through their stub at this step. */
export const honestCalleeReturns: Selector = (o, calls) =>
  o.op.op !== 'stub_return' ? [] : calls.flatMap((c) => (c.k === 'return' && c.call !== undefined && c.call.calleeHonest ? [c.call] : []));
