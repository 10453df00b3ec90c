// Runs one property over generated scenarios with fast-check, against any machine, and
// returns a report as a value: runs, ops, outcome statistics, and on failure the shrunk
// and minimised counterexample with the seed and path that reproduce it.
import fc from 'fast-check';
import { CODOMS_BOUNDS } from '../gen/bounds';
import { DIPC_BOUNDS } from '../gen/dipc-bounds';
import { type DipcScenario, dipcScenarioArb, wildDipcScenarioArb } from '../gen/dipc-scenario';
import { type Scenario, scenarioArb, wildScenarioArb } from '../gen/scenario';
import { minimizeTrace } from './minimize';
import { countOutcomes, emptyStats, type OpStats } from './stats';
import type { LayerId, PropertyDef, Violation } from './types';

export type AnyScenario = Scenario | DipcScenario;

export interface RunOptions<F> {
  readonly seed: number;
  readonly numRuns: number;
  readonly factory: F;
  /** Longest generated trace; the layer's default bound when absent. */
  readonly maxOps?: number;
  /** Called after each generated scenario (not during shrinking). */
  readonly onProgress?: (runsDone: number) => void;
}

export interface Counterexample {
  readonly scenario: AnyScenario;
  readonly violation: Violation;
  /** fast-check's replay path for the shrunk case. */
  readonly path: string;
  /** Scenarios generated up to and including the first failing one. */
  readonly scenariosToFailure: number;
  readonly shrunkFrom: number;
}

export interface PropertyReport {
  readonly id: string;
  readonly layer: LayerId;
  readonly title: string;
  readonly machine: string;
  readonly seed: number;
  readonly runs: number;
  readonly ops: number;
  readonly result: 'pass' | 'fail';
  readonly timeMs: number;
  readonly stats: OpStats;
  /** Scenarios (of `runs`) in which each event occurred: how much of what matters was reached. */
  readonly events: Readonly<Record<string, number>>;
  readonly counterexample: Counterexample | null;
}

/** The generator of a property's layer, with malformed ops mixed in when the property asks. */
export const arbitraryFor = (prop: { layer: LayerId; wild?: boolean }, maxOps?: number): fc.Arbitrary<AnyScenario> =>
  prop.layer === 'dipc'
    ? (prop.wild ? wildDipcScenarioArb : dipcScenarioArb)(DIPC_BOUNDS, maxOps ?? DIPC_BOUNDS.maxOps)
    : (prop.wild ? wildScenarioArb : scenarioArb)(CODOMS_BOUNDS, maxOps ?? CODOMS_BOUNDS.maxOps);

export const runProperty = <Sc extends AnyScenario, F extends { readonly id: string }>(
  prop: PropertyDef<Sc, F>,
  opts: RunOptions<F>,
): PropertyReport => {
  const started = performance.now();
  const stats = emptyStats();
  const events: Record<string, number> = {};
  let runs = 0;
  let ops = 0;
  let firstFailureAt = 0;
  let firstFailureLength = 0;
  const details = fc.check(
    fc.property(arbitraryFor(prop, opts.maxOps) as fc.Arbitrary<Sc>, (sc) => {
      const v = prop.check(sc, opts.factory);
      if (firstFailureAt === 0) {
        runs++;
        ops += v.ops;
        countOutcomes(stats, sc.ops, v.outputs);
        for (const e of v.events ?? []) events[e] = (events[e] ?? 0) + 1;
        opts.onProgress?.(runs);
        if (v.violation !== null) {
          firstFailureAt = runs;
          firstFailureLength = sc.ops.length;
        }
      }
      return v.violation === null;
    }),
    { seed: opts.seed, numRuns: opts.numRuns },
  );
  let counterexample: Counterexample | null = null;
  if (details.failed && details.counterexample !== null) {
    const fails = (s: Sc) => prop.check(s, opts.factory).violation !== null;
    const minimal = minimizeTrace(details.counterexample[0], fails);
    const violation = prop.check(minimal, opts.factory).violation as Violation;
    counterexample = {
      scenario: minimal,
      violation,
      path: details.counterexamplePath ?? '',
      scenariosToFailure: firstFailureAt,
      shrunkFrom: firstFailureLength,
    };
  }
  return {
    id: prop.id,
    layer: prop.layer,
    title: prop.title,
    machine: opts.factory.id,
    seed: opts.seed,
    runs,
    ops,
    result: details.failed ? 'fail' : 'pass',
    timeMs: Math.round(performance.now() - started),
    stats,
    events,
    counterexample,
  };
};
