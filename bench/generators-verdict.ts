// The issue-13 conditions read from one generator-benchmark run (docs/generators.md): a
// candidate strategy against a baseline in the same run, per mutant (a mutant's trial time
// is its fastest failing target's, as in `totalMedianMs`). Kept apart from the runner so a
// stored run (`npm run bench:gen -- --from gen.json`) is judged exactly like a fresh one.
import type { StrategyId } from '../gen/strategies';
import { median, mutantTrialTimes, type TrialRow } from './generators-run';

export interface MutantComparison {
  readonly mutant: string;
  readonly baselineMs: number;
  readonly candidateMs: number;
  /** Median scenarios to the first failure (of the trial's fastest failing target): noise-free. */
  readonly baselineTests: number;
  readonly candidateTests: number;
}

export interface Verdict {
  readonly baseline: StrategyId;
  readonly candidate: StrategyId;
  /** baseline totalMedianMs / candidate totalMedianMs (the issue asks at least 5). */
  readonly totalRatio: number;
  /** Mutants the candidate killed in every trial (the issue asks all of them). */
  readonly mutantsAlwaysKilled: number;
  readonly mutants: number;
  readonly notAlwaysKilled: readonly string[];
  /** Worst trial time over every mutant (the issue asks at most 10 s). */
  readonly worstMutantMs: number;
  /** Mutants whose candidate median is more than twice the baseline's, in ms (the issue asks none). */
  readonly worseThan2x: readonly MutantComparison[];
  /** The same in scenarios to the first failure, which wall-time noise does not move. */
  readonly worseThan2xInTests: readonly MutantComparison[];
}

/** Per mutant, per trial: scenarios to the fastest failing target's failure (all scenarios when none failed). */
const mutantTrialTests = (rows: readonly TrialRow[], strategy: StrategyId): Map<string, number[]> => {
  const by = new Map<string, TrialRow[]>();
  for (const r of rows.filter((x) => x.strategy === strategy)) by.set(`${r.mutant}\u0000${r.trial}`, [...(by.get(`${r.mutant}\u0000${r.trial}`) ?? []), r]);
  const out = new Map<string, number[]>();
  for (const [k, rs] of by) {
    const failed = rs.filter((r) => r.status === 'failed');
    const pick = failed.length > 0 ? failed.reduce((a, b) => (b.timeMs < a.timeMs ? b : a)) : rs.reduce((a, b) => (b.timeMs > a.timeMs ? b : a));
    const m = k.split('\u0000')[0];
    out.set(m, [...(out.get(m) ?? []), pick.tests]);
  }
  return out;
};

const killedEveryTrial = (rows: readonly TrialRow[], strategy: StrategyId, mutant: string): boolean => {
  const trials = new Map<number, boolean>();
  for (const r of rows) if (r.strategy === strategy && r.mutant === mutant) trials.set(r.trial, (trials.get(r.trial) ?? false) || r.status === 'failed');
  return [...trials.values()].every((x) => x);
};

export const verdict = (rows: readonly TrialRow[], baseline: StrategyId, candidate: StrategyId): Verdict => {
  const bMs = mutantTrialTimes(rows, baseline);
  const cMs = mutantTrialTimes(rows, candidate);
  const bT = mutantTrialTests(rows, baseline);
  const cT = mutantTrialTests(rows, candidate);
  const mutants = [...cMs.keys()].filter((m) => bMs.has(m));
  const cmp = mutants.map((m) => ({
    mutant: m,
    baselineMs: median(bMs.get(m)!), candidateMs: median(cMs.get(m)!),
    baselineTests: median(bT.get(m)!), candidateTests: median(cT.get(m)!),
  }));
  const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const cTotal = total(cmp.map((c) => c.candidateMs));
  const notAlways = mutants.filter((m) => !killedEveryTrial(rows, candidate, m));
  return {
    baseline, candidate,
    totalRatio: cTotal === 0 ? Infinity : total(cmp.map((c) => c.baselineMs)) / cTotal,
    mutantsAlwaysKilled: mutants.length - notAlways.length,
    mutants: mutants.length,
    notAlwaysKilled: notAlways,
    worstMutantMs: Math.max(0, ...mutants.flatMap((m) => cMs.get(m)!)),
    worseThan2x: cmp.filter((c) => c.candidateMs > 2 * c.baselineMs),
    worseThan2xInTests: cmp.filter((c) => c.candidateTests > 2 * c.baselineTests),
  };
};
