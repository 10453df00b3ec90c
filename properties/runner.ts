// Runs one property over generated scenarios with fast-check, against any machine, and
// returns a report as a value: runs, ops, outcome statistics, and on failure the shrunk
// and minimised counterexample with the seed and path that reproduce it.
import fc from 'fast-check';
import { CODOMS_BOUNDS, type ScenarioBounds } from '../gen/bounds';
import { type Scenario, scenarioArb, wildScenarioArb } from '../gen/scenario';
import type { MachineFactory } from '../refinement/machine';
import { minimizeTrace } from './minimize';
import { countOutcomes, emptyStats, type OpStats } from './stats';
import type { PropertyDef, Violation } from './types';

export interface RunOptions {
  readonly seed: number;
  readonly numRuns: number;
  readonly factory: MachineFactory;
  readonly maxOps?: number;
  readonly bounds?: ScenarioBounds;
  /** Called after each generated scenario (not during shrinking). */
  readonly onProgress?: (runsDone: number) => void;
}

export interface Counterexample {
  readonly scenario: Scenario;
  readonly violation: Violation;
  /** fast-check's replay path for the shrunk case. */
  readonly path: string;
  /** Scenarios generated up to and including the first failing one. */
  readonly scenariosToFailure: number;
  readonly shrunkFrom: number;
}

export interface PropertyReport {
  readonly id: string;
  readonly title: string;
  readonly machine: string;
  readonly seed: number;
  readonly runs: number;
  readonly ops: number;
  readonly result: 'pass' | 'fail';
  readonly timeMs: number;
  readonly stats: OpStats;
  readonly counterexample: Counterexample | null;
}

export const arbitraryFor = (prop: PropertyDef, bounds: ScenarioBounds, maxOps: number): fc.Arbitrary<Scenario> =>
  prop.wild ? wildScenarioArb(bounds, maxOps) : scenarioArb(bounds, maxOps);

export const runProperty = (prop: PropertyDef, opts: RunOptions): PropertyReport => {
  const started = performance.now();
  const bounds = opts.bounds ?? CODOMS_BOUNDS;
  const stats = emptyStats();
  let runs = 0;
  let ops = 0;
  let firstFailureAt = 0;
  let firstFailureLength = 0;
  const details = fc.check(
    fc.property(arbitraryFor(prop, bounds, opts.maxOps ?? bounds.maxOps), (sc) => {
      const v = prop.check(sc, opts.factory);
      if (firstFailureAt === 0) {
        runs++;
        ops += v.ops;
        countOutcomes(stats, sc.ops, v.outputs);
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
    const fails = (s: Scenario) => prop.check(s, opts.factory).violation !== null;
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
    title: prop.title,
    machine: opts.factory.id,
    seed: opts.seed,
    runs,
    ops,
    result: details.failed ? 'fail' : 'pass',
    timeMs: Math.round(performance.now() - started),
    stats,
    counterexample,
  };
};
