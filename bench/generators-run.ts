// The generator benchmark (issue 13, after Etna): every mutant against each of its target
// properties with each generation strategy, over trials at different seeds. A trial runs
// the property until its first failure (then shrinks and minimises it, to report the
// shrunk length), until the budget of scenarios is spent (passed) or until the time limit
// (timed_out). Time and scenarios are to the first failure, shrinking excluded.
import { DESIGN_MUTANTS, EVERY_MUTANT, runOn } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import type { StrategyId } from '../gen/strategies';

export interface TrialRow {
  readonly mutant: string;
  readonly property: string;
  readonly strategy: StrategyId;
  readonly trial: number;
  readonly seed: number;
  readonly status: 'failed' | 'passed' | 'timed_out';
  /** Scenarios generated up to the first failure (all of them when none failed). */
  readonly tests: number;
  /** Wall time to the first failure (to the end of the run when none failed), shrinking excluded. */
  readonly timeMs: number;
  /** Ops of the minimised counterexample; null when none failed or shrinking was off. */
  readonly shrunkLength: number | null;
}

export interface SummaryRow {
  readonly strategy: StrategyId;
  /** Failed trials / all trials (mutant x property x trial). */
  readonly failureRate: number;
  /** Median and worst over every trial's timeMs. */
  readonly medianMs: number;
  readonly worstMs: number;
  /** Sum over mutants of each mutant's median timeMs over its trials (a mutant trial: its fastest failing target). */
  readonly totalMedianMs: number;
}

export interface BenchSettings {
  readonly strategies: readonly StrategyId[];
  readonly trials: number;
  readonly seed: number;
  /** Scenarios per run: the mutant kill budget (test/budget.ts MUTANT_RUNS). */
  readonly runs: number;
  readonly timeoutMs: number;
  readonly mutants: readonly string[];
  readonly shrink: boolean;
}

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** The mutants the bench runs: impl mutants of both layers, then design mutants (when there are any). */
export const benchMutants = (only: readonly string[]) =>
  [...EVERY_MUTANT, ...DESIGN_MUTANTS].filter((m) => only.length === 0 || only.includes(m.id));

export const runTrial = (mutant: string, property: string, strategy: StrategyId, trial: number, seed: number, s: BenchSettings): TrialRow => {
  const prop = propertyById(property);
  if (prop === undefined) throw new Error(`no property ${property}`);
  const t0 = performance.now();
  let firstAt: number | null = null;
  let tests = 0;
  let timedOut = false;
  const r = runOn(prop, mutant, {
    seed, numRuns: s.runs, strategy, shrink: s.shrink,
    onChecked: (_sc, k, v) => {
      if (firstAt === null) {
        tests = k + 1;
        if (v.violation !== null) firstAt = performance.now() - t0;
      }
    },
    shouldStop: () => {
      if (firstAt === null && performance.now() - t0 > s.timeoutMs) timedOut = true;
      return timedOut;
    },
  });
  const elapsed = performance.now() - t0;
  const failed = r !== null && r.counterexample !== null;
  return {
    mutant, property, strategy, trial, seed,
    status: failed ? 'failed' : timedOut ? 'timed_out' : 'passed',
    tests,
    timeMs: Math.round(firstAt ?? elapsed),
    shrunkLength: failed && s.shrink ? r.counterexample!.scenario.ops.length : null,
  };
};

/** Per mutant and trial: the fastest failing target (else the slowest run), so a mutant counts once per trial. */
export const mutantTrialTimes = (rows: readonly TrialRow[], strategy: StrategyId): Map<string, number[]> => {
  const byMutantTrial = new Map<string, TrialRow[]>();
  for (const r of rows.filter((x) => x.strategy === strategy)) {
    const k = `${r.mutant}\u0000${r.trial}`;
    byMutantTrial.set(k, [...(byMutantTrial.get(k) ?? []), r]);
  }
  const out = new Map<string, number[]>();
  for (const [k, rs] of byMutantTrial) {
    const failed = rs.filter((r) => r.status === 'failed');
    const time = failed.length > 0 ? Math.min(...failed.map((r) => r.timeMs)) : Math.max(...rs.map((r) => r.timeMs));
    const m = k.split('\u0000')[0];
    out.set(m, [...(out.get(m) ?? []), time]);
  }
  return out;
};

export const summarize = (rows: readonly TrialRow[], strategies: readonly StrategyId[]): SummaryRow[] =>
  strategies.map((strategy) => {
    const rs = rows.filter((r) => r.strategy === strategy);
    const times = rs.map((r) => r.timeMs);
    const perMutant = mutantTrialTimes(rows, strategy);
    return {
      strategy,
      failureRate: rs.length === 0 ? 0 : rs.filter((r) => r.status === 'failed').length / rs.length,
      medianMs: median(times),
      worstMs: times.length === 0 ? 0 : Math.max(...times),
      totalMedianMs: [...perMutant.values()].reduce((a, ts) => a + median(ts), 0),
    };
  });

/** Every trial of the settings, in order: mutant, target, strategy, trial (trial i at seed + i). */
export const runGeneratorBench = (s: BenchSettings, onRow: (r: TrialRow, done: number, total: number) => void): TrialRow[] => {
  const jobs = benchMutants(s.mutants).flatMap((m) => m.targets.flatMap((p) => s.strategies.flatMap((st) => Array.from({ length: s.trials }, (_, i) => ({ m: m.id, p, st, i })))));
  const rows: TrialRow[] = [];
  for (const j of jobs) {
    const row = runTrial(j.m, j.p, j.st, j.i, s.seed + j.i, s);
    rows.push(row);
    onRow(row, rows.length, jobs.length);
  }
  return rows;
};
