// `npm run bench`: the spec and the impl on the same seeded trace, the impl's cost per op as
// the machine grows (DESIGN §9: flat in domains and pages), and the floor of a bare access
// check. `--json` prints one JSON object and nothing else on stdout, for scripts:
//   npm run bench --silent -- --json | jq .codoms
import { Command, CommanderError } from 'commander';
import * as t from 'io-ts';
import { decodeOptions, flagName, intFromString, SeedC, UsageError } from '../cli/options';
import { toJson, toTables } from './report';
import { runBench } from './run';

const DEFAULT_SEED = 20170423;
const DEFAULT_OPS = 100_000;

const BenchOptionsC = t.type({
  json: t.union([t.boolean, t.undefined]),
  seed: SeedC,
  ops: intFromString('ops', 1_000, 10_000_000),
});

const program = new Command()
  .name('bench')
  .description('Time the CODOMs spec and impl on one seeded trace, the impl as the machine grows, and a bare access check')
  .option('--json', 'print one JSON object on stdout and nothing else')
  .option('--seed <n>', 'trace seed', String(DEFAULT_SEED))
  .option('--ops <n>', 'ops in each trace', String(DEFAULT_OPS))
  .exitOverride()
  .configureOutput({ writeErr: () => {} })
  .action((raw: Record<string, unknown>) => {
    const o = decodeOptions(BenchOptionsC, raw, flagName);
    const json = o.json === true;
    // Progress goes to stderr, and only for people: with --json stdout carries the object alone.
    const progress = json ? () => {} : (msg: string) => process.stderr.write(`bench: ${msg}\n`);
    if (!json) process.stdout.write(`bench: seed ${o.seed}, ${o.ops} ops\n`);
    const run = runBench(o.seed, o.ops, progress);
    process.stdout.write(json ? `${JSON.stringify(toJson(run))}\n` : `\n${toTables(run)}\n`);
  });

try {
  program.parse(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.exitCode === 0) process.exit(0);
    process.stderr.write(`bench: ${e.message.replace(/^error: /, '')}\nsee: npm run bench -- --help\n`);
    process.exit(2);
  }
  if (e instanceof UsageError) {
    process.stderr.write(`bench: ${e.message}\nsee: npm run bench -- --help\n`);
    process.exit(2);
  }
  throw e;
}
