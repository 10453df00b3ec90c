// The audit's search (docs/audit.md "How a cell is decided"): for one combination and one
// side, `runs` generated scenarios, each checked with every guarantee of that side still
// unbroken in one run of the machine (one call tracker, every step check at each step; the
// relational ARG-REG-CONF runs its own two machines). A guarantee that breaks is not
// checked again; the search stops generating once every guarantee of the side is broken.
// What it finds per guarantee: the first failing scenario (its index k and violation), or
// none in `runs`; and how many cross-process calls between the honest process and the
// adversary, in the side's direction, the scenarios it checked made.
import fc from 'fast-check';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { IsolationProp } from '../alphabet/policy';
import { outputToString, type Output } from '../alphabet/output';
import { type AuditPolicies, type AuditSide, type AuditStrategy, auditStrategyArb, callPolicyOk } from '../gen/audit-scenario';
import type { DipcScenario } from '../gen/dipc-scenario';
import { CallTracker } from '../properties/security/call-tracker';
import { GUARANTEES, type Guarantee } from '../properties/security/guarantees';
import type { SecurityCheck, SecurityProperty } from '../properties/security/harness';
import { Witness } from '../properties/security/witness/witness';
import type { Violation } from '../properties/types';
import type { DipcMachineFactory } from '../refinement/machine';
import { dipcMachineById } from '../machines/registry';
import { dipcOpToString } from '../alphabet/dipc-ops';
import { SKIPPED, Skipping } from '../properties/skipping';

export interface SearchJob {
  /** The combination's index (for the caller's bookkeeping). */
  readonly combo: number;
  readonly side: AuditSide;
  readonly caller: readonly IsolationProp[];
  readonly callee: readonly IsolationProp[];
  readonly seed: number;
  readonly runs: number;
  readonly maxOps: number;
  readonly machine: string;
  /** How scenarios are generated (gen/audit-scenario.ts auditStrategyArb). */
  readonly strategy: AuditStrategy;
}

export interface CellSearch {
  /** Index of the guarantee in GUARANTEES. */
  readonly guarantee: number;
  /** Scenarios checked with this guarantee (all `runs` when it held; up to the first failure otherwise). */
  readonly runs: number;
  /** Cross-process calls (honest ↔ adversary, in the side's direction) in those scenarios. */
  readonly calls: number;
  /** Events the guarantee's check named, by how many of those scenarios showed each. */
  readonly events: Readonly<Record<string, number>>;
  /** The first failing scenario: its index among the generated ones and the violation. */
  readonly failure: { readonly k: number; readonly violation: Violation } | null;
}

export interface SearchResult {
  readonly combo: number;
  readonly side: AuditSide;
  readonly cells: readonly CellSearch[];
  /** Scenarios generated (fewer than `runs` when every guarantee broke early). */
  readonly scenarios: number;
  /** Scenarios discarded because a call ran under a policy outside the combination. */
  readonly discarded: number;
  readonly timeMs: number;
}

/** The guarantees of a side, with their indices in GUARANTEES. */
export const guaranteesOf = (side: AuditSide): { readonly index: number; readonly g: Guarantee }[] =>
  GUARANTEES.flatMap((g, index) => (g.side === side ? [{ index, g }] : []));

const isStepProperty = (p: Guarantee['property']): p is SecurityProperty => 'makeCheck' in p && typeof (p as SecurityProperty).makeCheck === 'function';

const describeThrow = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

interface ScenarioVerdicts {
  readonly violations: Map<number, Violation>;
  readonly events: Map<number, Set<string>>;
  readonly calls: number;
  /** A call ran under a policy outside the combination (see callPolicyOk): the scenario does not count. */
  readonly offCombination: boolean;
}

/**
 * Check one scenario with the side's active guarantees on one machine run: each step check
 * sees the same observation and call events it would see alone (runSecurityChecks), and
 * stops being asked after its first violation. `calls` counts the calls the side is about.
 */
export const checkScenario = (
  sc: DipcScenario, factory: DipcMachineFactory, side: AuditSide, pol: AuditPolicies, active: readonly { index: number; g: Guarantee }[],
): ScenarioVerdicts => {
  const policyOk = callPolicyOk(pol);
  let offCombination = false;
  const violations = new Map<number, Violation>();
  const events = new Map<number, Set<string>>();
  const steps: { index: number; check: SecurityCheck }[] = [];
  for (const { index, g } of active) {
    events.set(index, new Set());
    if (isStepProperty(g.property)) steps.push({ index, check: g.property.makeCheck() });
  }
  let calls = 0;
  const m = factory.create(sc.config);
  const witness = new Witness();
  const tracker = new CallTracker(witness);
  let pre = m.abstract();
  const open = () => steps.filter((s) => !violations.has(s.index));
  for (let i = 0; i < sc.ops.length; i++) {
    const op: DipcOp = sc.ops[i];
    let output: Output;
    try {
      output = m.step(op);
    } catch (e) {
      for (const s of open()) violations.set(s.index, { step: i, expected: `${dipcOpToString(op)} returns`, observed: `threw ${describeThrow(e)}` });
      break;
    }
    const post = m.abstract();
    const opened = tracker.observe(op, pre, post, output);
    witness.observe(op, pre, output, post);
    for (const c of opened) {
      if (c.k !== 'call') continue;
      if (side === 'caller' ? c.call.callerHonest && !c.call.calleeHonest : c.call.calleeHonest && !c.call.callerHonest) calls++;
      if (!policyOk(c.call.callerHonest, c.call.calleeHonest, c.call.policy)) offCombination = true;
    }
    const obs = { index: i, op, pre, output, post };
    for (const s of open()) {
      const b = s.check(obs, opened, events.get(s.index) as Set<string>, witness);
      if (b !== null) violations.set(s.index, { step: i, expected: b.expected, observed: `${b.observed} (output: ${outputToString(output)})` });
    }
    pre = post;
  }
  // The relational guarantees run their own machines.
  for (const { index, g } of active) {
    if (isStepProperty(g.property)) continue;
    const v = g.property.check(sc, factory);
    for (const e of v.events ?? []) events.get(index)?.add(e);
    if (v.violation !== null) violations.set(index, v.violation);
  }
  return { violations, events, calls, offCombination };
};

/** Does every call of the scenario run under the combination (callPolicyOk)? One run of the machine. */
export const callsInCombination = (sc: DipcScenario, factory: DipcMachineFactory, pol: AuditPolicies): boolean => {
  const policyOk = callPolicyOk(pol);
  const m = factory.create(sc.config);
  const witness = new Witness();
  const tracker = new CallTracker(witness);
  let pre = m.abstract();
  for (const op of sc.ops) {
    let output: Output;
    try {
      output = m.step(op);
    } catch {
      return true;
    }
    const post = m.abstract();
    const opened = tracker.observe(op, pre, post, output);
    witness.observe(op, pre, output, post);
    for (const c of opened) if (c.k === 'call' && !policyOk(c.call.callerHonest, c.call.calleeHonest, c.call.policy)) return false;
    pre = post;
  }
  return true;
};

export const factoryOf = (machine: string): DipcMachineFactory => {
  const f = dipcMachineById(machine);
  if (f === undefined) throw new Error(`no dIPC machine '${machine}'`);
  return f;
};

/** Run one search job; `onScenario` is called after each scenario generated. */
export const runSearch = (job: SearchJob, onScenario: (done: number) => void = () => {}): SearchResult => {
  const started = performance.now();
  const factory = factoryOf(job.machine);
  const all = guaranteesOf(job.side);
  const state = new Map(all.map(({ index }) => [index, { runs: 0, calls: 0, events: {} as Record<string, number>, failure: null as CellSearch['failure'] }]));
  const active = () => all.filter(({ index }) => state.get(index)?.failure === null);
  let generated = 0;
  let discarded = 0;
  const pol = { caller: job.caller, callee: job.callee };
  const arb = new Skipping(auditStrategyArb(job.strategy, job.side, pol, job.maxOps), () => active().length === 0);
  fc.check(
    fc.property(arb, (sc) => {
      if (sc === SKIPPED) return true;
      const k = generated++;
      const now = active();
      const v = checkScenario(sc, factory, job.side, pol, now);
      onScenario(generated);
      if (v.offCombination) {
        discarded++;
        return true;
      }
      for (const { index } of now) {
        const st = state.get(index);
        if (st === undefined) continue;
        st.runs++;
        st.calls += v.calls;
        for (const e of v.events.get(index) ?? []) st.events[e] = (st.events[e] ?? 0) + 1;
        const violation = v.violations.get(index);
        if (violation !== undefined) st.failure = { k, violation };
      }
      return true;
    }),
    { seed: job.seed, numRuns: job.runs },
  );
  return {
    combo: job.combo,
    side: job.side,
    cells: all.map(({ index }) => {
      const st = state.get(index);
      if (st === undefined) throw new Error('unreachable');
      return { guarantee: index, runs: st.runs, calls: st.calls, events: st.events, failure: st.failure };
    }),
    scenarios: generated,
    discarded,
    timeMs: Math.round(performance.now() - started),
  };
};
