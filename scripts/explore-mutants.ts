// `npm run explore:mutants`: does bounded-exhaustive exploration find every dIPC mutant
// (impl and design) whose shortest stored counterexample is within its scope and depth?
// (issue 14, docs/explore.md "Mutants found by exploration"; explore/mutant-sweep.ts.)
// Prints a row per mutant and a summary; --json prints the rows as JSON on stdout.
// Exit 1 when a mutant in scope was not found, 2 on bad flags.
import { Command, InvalidArgumentError } from 'commander';
import { checkMutantIds, parseOrExit } from '../bench/cli-run';
import { UsageError } from '../cli/options';
import { storedTracesByMutant } from '../explore/mutant-sweep';
import { type SweepRow, sweepMutants } from '../explore/mutant-sweep';

const int = (flag: string, lo: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < lo) throw new InvalidArgumentError(`${flag}: expected an integer of at least ${lo}, got "${v}"`);
  return n;
};

const program = new Command('explore:mutants')
  .description('explore each dIPC mutant on the config of its shortest stored counterexample, to that trace\'s length')
  .option('--max-depth <k>', 'skip mutants whose shortest in-scope trace is longer', int('--max-depth', 0), 4)
  .option('--max-states <n>', 'cut each search at n distinct states', int('--max-states', 1), 200_000)
  .option('--time <s>', 'cut each search after s seconds', int('--time', 1), 300)
  .option('--mutants <ids...>', 'only these mutants')
  .option('--json', 'the rows as JSON on stdout')
  .exitOverride()
  .configureOutput({ writeErr: () => undefined });
parseOrExit(program, 'explore:mutants');
const o = program.opts<{ maxDepth: number; maxStates: number; time: number; mutants?: string[]; json?: boolean }>();
try {
  checkMutantIds(o.mutants ?? [], [...storedTracesByMutant().keys()]);
} catch (e) {
  if (!(e instanceof UsageError)) throw e;
  process.stderr.write(`explore:mutants: ${e.message.replace('(known: ', '(with a stored dIPC counterexample: ')}\nsee: npm run explore:mutants -- --help\n`);
  process.exit(2);
}

const line = (r: SweepRow): string => {
  const v = r.verdict;
  const head = `${r.mutant} (${r.kind}, ${r.property}, stored ${r.length} ops)`;
  switch (v.kind) {
    case 'found':
      return `found   ${head}: depth ${v.depth}, ${v.states} states, ${v.transitions} transitions, ${(v.ms / 1000).toFixed(1)} s: ${v.trace.join('; ')}`;
    case 'missed':
      return `MISSED  ${head}: ${v.complete ? 'complete' : `cut by ${v.cutBy}`}, ${v.states} states${v.other === null ? '' : `; found ${v.other} instead`}`;
    case 'too-deep':
      return `deeper  ${head}: longer than --max-depth ${o.maxDepth}`;
    case 'outside-alphabet': {
      const s = v.search;
      const found = s.found ? `explore found another: depth ${s.depth}, ${s.states} states: ${s.trace.join('; ')}` : `explore found none (${s.complete ? 'complete' : `cut by ${s.cutBy}`}, ${s.states} states)`;
      return `outside ${head}: op ${v.step + 1} (${JSON.stringify(v.op)}) is no transition of the alphabet; ${found}`;
    }
  }
};

const t0 = Date.now();
process.stderr.write(`explore:mutants: max depth ${o.maxDepth}, budget ${o.maxStates} states or ${o.time} s per search; no randomness (seed: none)\n`);
const rows = sweepMutants({
  maxDepth: o.maxDepth,
  maxStates: o.maxStates,
  timeSeconds: o.time,
  only: o.mutants,
  onRow: (r, i, n) => process.stderr.write(`[${i + 1}/${n}] ${line(r)}\n`),
});
const count = (k: SweepRow['verdict']['kind']) => rows.filter((r) => r.verdict.kind === k).length;
const inScope = count('found') + count('missed');
const summary = {
  mutants: rows.length,
  inScope,
  found: count('found'),
  missed: rows.filter((r) => r.verdict.kind === 'missed').map((r) => r.mutant),
  tooDeep: count('too-deep'),
  outsideAlphabet: rows.filter((r) => r.verdict.kind === 'outside-alphabet').map((r) => r.mutant),
  outsideButFound: rows.filter((r) => r.verdict.kind === 'outside-alphabet' && r.verdict.search.found).map((r) => r.mutant),
  maxDepth: o.maxDepth,
  seconds: Math.round((Date.now() - t0) / 100) / 10,
};
if (o.json) process.stdout.write(`${JSON.stringify({ summary, rows }, null, 2)}\n`);
else {
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  process.stdout.write(
    `\n${summary.found} of ${inScope} mutants in scope found (depth <= ${o.maxDepth}); ${summary.tooDeep} deeper; ${summary.outsideAlphabet.length} outside the alphabet (of which explore found ${summary.outsideButFound.length} by another trace); ${summary.seconds} s\n`,
  );
}
process.exit(summary.missed.length > 0 ? 1 : 0);
