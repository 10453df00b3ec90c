// `npm run bench:gen`: the generation strategies side by side (issue 13, docs/generators.md).
// Every mutant against its target properties with each strategy, 10 trials at 10 seeds,
// reporting per mutant x strategy the failure rate within the budget, median and worst time
// and scenarios to the first failure, and the median shrunk length. `--json` prints one
// object: { default, trials: [rows], summary: [per strategy] }. Not part of `npm test`.
//   npm run bench:gen -- --trials 3 --mutants derive-perm-grows proxy-skips-sp-check
import Table from 'cli-table3';
import { Command } from 'commander';
import { checkMutantIds, parseOrExit } from './cli-run';
import * as t from 'io-ts';
import { decodeOptions, flagName, intFromString, SeedC, UsageError } from '../cli/options';
import { DEFAULT_STRATEGY, STRATEGY_IDS, StrategyC, type StrategyId } from '../gen/strategies';
import { readJsonFile } from '../counterexamples/json-file';
import { decodeWith } from '../alphabet/decode';
import * as E from 'fp-ts/lib/Either.js';
import { benchMutants, median, runGeneratorBench, summarize, type TrialRow } from './generators-run';
import { verdict, type Verdict } from './generators-verdict';

/** A stored run (`--json` output) read back by `--from`: its trial rows. */
const StoredRunC = t.type({
  trials: t.array(t.type({
    mutant: t.string, property: t.string, strategy: StrategyC, trial: t.number, seed: t.number,
    status: t.keyof({ failed: null, passed: null, timed_out: null }), tests: t.number, timeMs: t.number,
    shrunkLength: t.union([t.number, t.null]),
  })),
});

const verdictLines = (v: Verdict): string => {
  const list = (cs: Verdict['worseThan2x'], unit: 'ms' | 'tests') =>
    cs.length === 0 ? 'none' : cs.map((c) => unit === 'ms' ? `${c.mutant} ${c.baselineMs} -> ${c.candidateMs} ms` : `${c.mutant} ${c.baselineTests} -> ${c.candidateTests} scenarios`).join('; ');
  return [
    `${v.candidate} against ${v.baseline} (issue 13's conditions):`,
    `  totalMedianMs ${v.totalRatio.toFixed(2)}x lower (asks >= 5)`,
    `  mutants killed in every trial: ${v.mutantsAlwaysKilled} of ${v.mutants}${v.notAlwaysKilled.length === 0 ? '' : ` (not: ${v.notAlwaysKilled.join(', ')})`}`,
    `  worst trial of any mutant: ${v.worstMutantMs} ms (asks <= 10000)`,
    `  medians more than 2x worse, in ms: ${list(v.worseThan2x, 'ms')}`,
    `  medians more than 2x worse, in scenarios: ${list(v.worseThan2xInTests, 'tests')}`,
  ].join('\n');
};

const DEFAULT_SEED = 20170423;

const OptionsC = t.type({
  json: t.union([t.boolean, t.undefined]),
  seed: SeedC,
  trials: intFromString('trials', 1, 1000),
  runs: intFromString('runs', 1, 1_000_000),
  timeout: intFromString('timeout', 1, 3_600_000),
  mutants: t.array(t.string),
  strategies: t.array(StrategyC),
  shrink: t.boolean,
  from: t.union([t.string, t.undefined]),
  baseline: StrategyC,
});

const pct = (x: number) => `${Math.round(x * 100)}%`;

const table = (rows: readonly TrialRow[], strategies: readonly StrategyId[]): string => {
  const tb = new Table({ head: ['mutant', 'property', 'strategy', 'failed', 'median ms', 'worst ms', 'median tests', 'worst tests', 'median shrunk'] });
  const keys = [...new Set(rows.map((r) => `${r.mutant}\u0000${r.property}`))];
  for (const k of keys) {
    const [mutant, property] = k.split('\u0000');
    for (const st of strategies) {
      const rs = rows.filter((r) => r.mutant === mutant && r.property === property && r.strategy === st);
      if (rs.length === 0) continue;
      const failed = rs.filter((r) => r.status === 'failed');
      const shrunk = failed.flatMap((r) => (r.shrunkLength === null ? [] : [r.shrunkLength]));
      tb.push([
        mutant, property, st, `${failed.length}/${rs.length}`,
        String(median(rs.map((r) => r.timeMs))), String(Math.max(...rs.map((r) => r.timeMs))),
        String(median(rs.map((r) => r.tests))), String(Math.max(...rs.map((r) => r.tests))),
        shrunk.length === 0 ? '-' : String(median(shrunk)),
      ]);
    }
  }
  return tb.toString();
};

const program = new Command()
  .name('bench:gen')
  .description('Every mutant against its target properties with each generation strategy: failure rate, time and scenarios to first failure, shrunk length')
  .option('--json', 'print one JSON object on stdout and nothing else: { default, trials: [rows], summary: [per strategy] }')
  .option('--seed <n>', 'seed of trial 0 (trial i runs at seed + i)', String(DEFAULT_SEED))
  .option('--trials <n>', 'trials per mutant, property and strategy', '10')
  .option('--runs <n>', 'scenario budget per trial (the mutant kill budget of npm test)', '3000')
  .option('--timeout <ms>', 'time limit per trial before it counts as timed_out', '20000')
  .option('--mutants <ids...>', 'only these mutants', [])
  .option('--strategies <ids...>', `only these strategies (${STRATEGY_IDS.join(', ')})`, ['patterns', 'swarm'])
  .option('--no-shrink', 'do not shrink failures (no shrunk length; faster)')
  .option('--from <file>', 'run nothing: read the trials of a stored --json run and report them (table, summary, verdicts)')
  .option('--baseline <id>', 'the strategy the others are judged against (verdicts)', 'patterns')
  .exitOverride()
  .configureOutput({ writeErr: () => {} })
  .action((raw: Record<string, unknown>) => {
    const o = decodeOptions(OptionsC, raw, flagName);
    checkMutantIds(o.mutants, benchMutants([]).map((m) => m.id));
    const json = o.json === true;
    let rows: TrialRow[];
    let strategies: StrategyId[];
    if (o.from !== undefined) {
      const file = o.from;
      const stored = E.chain((raw: unknown) => decodeWith(StoredRunC, raw))(readJsonFile(file));
      if (E.isLeft(stored)) throw new UsageError(`--from ${file}: ${stored.left}`);
      rows = stored.right.trials;
      strategies = [...new Set(rows.map((r) => r.strategy))];
    } else {
      strategies = [...new Set(o.strategies)];
      process.stderr.write(`bench:gen: seed ${o.seed}, ${o.trials} trials, ${o.runs} scenarios or ${o.timeout} ms per trial, strategies ${strategies.join(' ')}\n`);
      rows = runGeneratorBench({ ...o, timeoutMs: o.timeout, strategies }, (r, done, total) => {
        process.stderr.write(`bench:gen: [${done}/${total}] ${r.mutant} ${r.property} ${r.strategy} #${r.trial}: ${r.status} after ${r.tests} scenarios, ${r.timeMs} ms${r.shrunkLength === null ? '' : `, shrunk to ${r.shrunkLength}`}\n`);
      });
    }
    const verdicts = strategies.includes(o.baseline) ? strategies.filter((s) => s !== o.baseline).map((s) => verdict(rows, o.baseline, s)) : [];
    const summary = summarize(rows, strategies);
    if (json) {
      process.stdout.write(`${JSON.stringify({ default: DEFAULT_STRATEGY, trials: rows, summary, verdicts })}\n`);
      return;
    }
    process.stdout.write(`${table(rows, strategies)}\n`);
    const st = new Table({ head: ['strategy', 'failure rate', 'median ms', 'worst ms', 'totalMedianMs'] });
    for (const s of summary) st.push([s.strategy + (s.strategy === DEFAULT_STRATEGY ? ' (default)' : ''), pct(s.failureRate), String(s.medianMs), String(s.worstMs), String(Math.round(s.totalMedianMs))]);
    process.stdout.write(`${st.toString()}\n`);
    for (const v of verdicts) process.stdout.write(`${verdictLines(v)}\n`);
  });

parseOrExit(program, 'bench:gen');
