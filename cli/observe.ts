// `dipc-spec check --observe FILE` (issue 16, docs/pages.md "Observations"): one JSON line per
// generated scenario in Hypothesis's observability shape (its "PBT Observations" test_case),
// so Tyche and other tools that read it can show what the generators produced: status,
// the property, the trace as the tool prints it, the coverage events the check reported
// as features, and timings. A failing property adds one more line, its minimised trace
// (how_generated "minimised failing example").
import * as t from 'io-ts';
import { dipcOpToString } from '../alphabet/dipc-ops';
import type { Output } from '../alphabet/output';
import type { AnyScenario, Counterexample } from '../properties/runner';
import type { LayerId, Verdict, Violation } from '../properties/types';

/** One observation line: exactly the test_case fields of the documented shape, no others. */
export const ObservationC = t.exact(
  t.type({
    type: t.literal('test_case'),
    status: t.keyof({ passed: null, failed: null, gave_up: null }),
    status_reason: t.string,
    representation: t.string,
    arguments: t.UnknownRecord,
    how_generated: t.union([t.string, t.null]),
    features: t.record(t.string, t.union([t.string, t.number])),
    coverage: t.union([t.null, t.record(t.string, t.array(t.number))]),
    timing: t.record(t.string, t.number),
    metadata: t.UnknownRecord,
    property: t.string,
    run_start: t.number,
  }),
);
export type Observation = t.TypeOf<typeof ObservationC>;

/** What every line of one property's run shares. */
export interface ObservedRun {
  readonly property: string;
  readonly layer: LayerId;
  readonly machine: string;
  readonly seed: number;
  /** Unix time (seconds) at which the property's run started. */
  readonly runStart: number;
  readonly shard?: string;
}

/** The trace as `check` prints it in a failure block: one op a line, numbered. */
export const representationOf = (scenario: AnyScenario): string =>
  scenario.ops.map((op, i) => `${String(i).padStart(3)}  ${dipcOpToString(op as never)}`).join('\n');

const reason = (v: Violation | null): string => (v === null ? '' : `at step ${v.step}: expected ${v.expected}; observed ${v.observed}`);

/** Numeric features Tyche can plot: ops generated and run, outputs by kind; the check's events as tags (""). */
const featuresOf = (scenario: AnyScenario, outputs: readonly Output[], opsRun: number, events: readonly string[]): Record<string, string | number> => {
  const f: Record<string, string | number> = { 'ops generated': scenario.ops.length, 'ops run': opsRun };
  for (const o of outputs) f[`outputs: ${o.out}`] = ((f[`outputs: ${o.out}`] as number | undefined) ?? 0) + 1;
  const cfg = scenario.config as { processes?: readonly unknown[]; threads?: readonly unknown[] };
  if (Array.isArray(cfg.processes)) f.processes = cfg.processes.length;
  else if (Array.isArray(cfg.threads)) f.threads = cfg.threads.length;
  for (const e of events) f[e] = '';
  return f;
};

const line = (run: ObservedRun, status: Observation['status'], v: Violation | null, scenario: AnyScenario, k: number | null, outputs: readonly Output[], opsRun: number, events: readonly string[], ms: number, how: string): Observation => ({
  type: 'test_case',
  status,
  status_reason: reason(v),
  representation: representationOf(scenario),
  arguments: { ...(k === null ? {} : { scenario: k }), ops: scenario.ops.length, layer: run.layer },
  how_generated: how,
  features: featuresOf(scenario, outputs, opsRun, events),
  coverage: null,
  timing: { 'execute:test': ms / 1000 },
  metadata: {
    seed: run.seed,
    machine: run.machine,
    ...(k === null ? {} : { scenario: k }),
    ...(run.shard === undefined ? {} : { shard: run.shard }),
    ...(v === null ? {} : { violation: v }),
  },
  property: run.property,
  run_start: run.runStart,
});

/** The line of generated scenario k, once checked. */
export const scenarioObservation = (run: ObservedRun, scenario: AnyScenario, k: number, verdict: Verdict, ms: number): Observation =>
  line(run, verdict.violation === null ? 'passed' : 'failed', verdict.violation, scenario, k, verdict.outputs, verdict.ops, verdict.events ?? [], ms, `generated (fast-check, seed ${run.seed}, scenario ${k})`);

/** The line of a failing property's minimised counterexample. */
export const counterexampleObservation = (run: ObservedRun, cx: Counterexample): Observation =>
  line(run, 'failed', cx.violation, cx.scenario, null, [], cx.scenario.ops.length, [], 0, `minimised failing example (shrunk from ${cx.shrunkFrom} ops, fast-check path ${cx.path})`);
