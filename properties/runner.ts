// Runs one property over generated scenarios with fast-check, against any machine, and
// returns a report as a value: runs, ops, outcome statistics, and on failure the shrunk
// and minimised (1-minimal) counterexample with the seed and path that reproduce it.
import fc from 'fast-check';
import type { DipcScenario } from '../gen/dipc-scenario';
import type { Scenario } from '../gen/scenario';
import { DEFAULT_STRATEGY, type StrategyId, strategyArb } from '../gen/strategies';
import { failsLike, minimizeScenario } from './minimize';
import { reachShortfall } from './reach';
import { SKIPPED, Skipping } from './skipping';
import { countOutcomes, emptyStats, type OpStats } from './stats';
import type { LayerId, PropertyDef, Verdict, Violation } from './types';

export type AnyScenario = Scenario | DipcScenario;

export interface RunOptions<F> {
  readonly seed: number;
  readonly numRuns: number;
  readonly factory: F;
  /** Longest generated trace; the layer's default bound when absent. */
  readonly maxOps?: number;
  /** Called after each generated scenario (not during shrinking). */
  readonly onProgress?: (runsDone: number) => void;
  /**
   * Check only scenario k (0-based, of the numRuns generated from the seed) with
   * k % count === index - 1; the others are not even generated. fast-check derives
   * scenario k from the seed and k alone, so the shards 1/n..n/n of a run check exactly
   * the scenarios of the unsharded run between them (test/shard.test.ts).
   */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Called with each generated scenario about to be checked, and its index k (not during shrinking). */
  readonly onScenario?: (scenario: AnyScenario, k: number) => void;
  /** Called with each generated scenario once checked: its index k, the verdict and the check's wall time in ms (not during shrinking). */
  readonly onChecked?: (scenario: AnyScenario, k: number, verdict: Verdict, ms: number) => void;
  /** Asked before each scenario; once true the rest of the run is skipped and the report says `interrupted`. */
  readonly shouldStop?: () => boolean;
  /**
   * false: stop at the first failure without shrinking or minimising (the counterexample is
   * the failing scenario as generated). For callers that only need to know a property
   * fails, such as the mutant kill tests, whose minimal traces are in the corpus.
   */
  readonly shrink?: boolean;
  /** How scenarios are generated (gen/strategies.ts); DEFAULT_STRATEGY when absent. */
  readonly strategy?: StrategyId;
}

export interface Counterexample {
  readonly scenario: AnyScenario;
  readonly violation: Violation;
  /** fast-check's replay path for the shrunk case. */
  readonly path: string;
  /** Scenarios generated up to and including the first failing one. */
  readonly scenariosToFailure: number;
  readonly shrunkFrom: number;
  /** Predicate calls the minimiser made after fast-check's shrinking (properties/minimize.ts). */
  readonly minimizerCalls: number;
  /** The minimiser's call budget ran out: the scenario may not be 1-minimal. */
  readonly minimizerCapped: boolean;
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
  /** Set when `shouldStop` ended the run early: `runs` scenarios were checked, not all. */
  readonly interrupted?: boolean;
  /** Events of the property's coverage gate that fell short (the run then fails without a counterexample). */
  readonly coverageShortfall?: readonly { readonly event: string; readonly share: number; readonly min: number }[];
}

/** Below this many scenarios a run is too small to judge coverage (e.g. `--runs 20`): the gate is not applied. */
export const COVERAGE_MIN_RUNS = 200;

const shortfallOf = (coverage: Readonly<Record<string, number>> | undefined, events: Record<string, number>, runs: number) =>
  coverage === undefined || runs < COVERAGE_MIN_RUNS
    ? []
    : Object.entries(coverage)
        .map(([event, min]) => ({ event, share: (events[event] ?? 0) / runs, min }))
        .filter((e) => e.share < e.min);

/** The generator of a property under a strategy (gen/strategies.ts; today's generators by default). */
export const arbitraryFor = (
  prop: { layer: LayerId; wild?: boolean; scenarios?: (maxOps?: number) => fc.Arbitrary<AnyScenario> },
  maxOps?: number,
  strategy: StrategyId = DEFAULT_STRATEGY,
): fc.Arbitrary<AnyScenario> => strategyArb(strategy, prop, maxOps);

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
  let generated = 0;
  let interrupted = false;
  const shard = opts.shard;
  const base = arbitraryFor(prop as never, opts.maxOps, opts.strategy) as fc.Arbitrary<Sc>;
  // Scenarios outside the shard, and every scenario after a stop, are neither generated nor checked.
  const skip = (k: number): boolean => {
    if (!interrupted && opts.shouldStop?.() === true) interrupted = true;
    return interrupted || (shard !== undefined && k % shard.count !== shard.index - 1);
  };
  // A SKIPPED value never fails, so it never reaches the counterexample: typed as a scenario.
  const arb = (shard === undefined && opts.shouldStop === undefined ? base : new Skipping(base, skip)) as fc.Arbitrary<Sc>;
  const details = fc.check(
    fc.property(arb, (sc) => {
      // Before the first failure every call is generated scenario k; after it, shrinks.
      const k = firstFailureAt === 0 ? generated++ : -1;
      if ((sc as unknown) === SKIPPED) return true;
      if (k >= 0) opts.onScenario?.(sc, k);
      const t0 = opts.onChecked === undefined || k < 0 ? 0 : performance.now();
      const v = prop.check(sc, opts.factory);
      if (k >= 0) {
        opts.onChecked?.(sc, k, v, performance.now() - t0);
        runs++;
        ops += v.ops;
        countOutcomes(stats, sc.ops, v.outputs);
        for (const e of v.events ?? []) events[e] = (events[e] ?? 0) + 1;
        opts.onProgress?.(runs);
        if (v.violation !== null) {
          firstFailureAt = k + 1;
          firstFailureLength = sc.ops.length;
        }
      }
      return v.violation === null;
    }),
    { seed: opts.seed, numRuns: opts.numRuns, ...(opts.shrink === false ? { endOnFailure: true } : {}) },
  );
  let counterexample: Counterexample | null = null;
  if (details.failed && details.counterexample !== null) {
    const shrunk = details.counterexample[0];
    const check = (s: Sc) => prop.check(s, opts.factory).violation;
    const first = check(shrunk) as Violation;
    const minimal = opts.shrink === false ? { scenario: shrunk, calls: 0, capped: false } : minimizeScenario(shrunk, prop.layer, failsLike(first, check));
    const violation = check(minimal.scenario) as Violation;
    counterexample = {
      scenario: minimal.scenario,
      violation,
      path: details.counterexamplePath ?? '',
      scenariosToFailure: firstFailureAt,
      shrunkFrom: firstFailureLength,
      minimizerCalls: minimal.calls,
      minimizerCapped: minimal.capped,
    };
  }
  // The coverage gate: the property's own events and the last steps it must reach (properties/reach.ts).
  const shortfall = details.failed || interrupted || runs < COVERAGE_MIN_RUNS ? [] : [...shortfallOf(prop.coverage, events, runs), ...reachShortfall(prop.id, events, runs)];
  return {
    id: prop.id,
    layer: prop.layer,
    title: prop.title,
    machine: opts.factory.id,
    seed: opts.seed,
    runs,
    ops,
    result: details.failed || shortfall.length > 0 ? 'fail' : 'pass',
    timeMs: Math.round(performance.now() - started),
    stats,
    events,
    counterexample,
    ...(interrupted ? { interrupted } : {}),
    ...(shortfall.length > 0 ? { coverageShortfall: shortfall } : {}),
  };
};
