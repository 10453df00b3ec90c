// The dipc-spec command line. Every bad input (unknown command or flag, missing file,
// malformed JSON, out-of-range number, an output path that cannot be written) is one clear
// line, a usage hint and exit code 2, before any work is done (docs/cli.md).
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import * as t from 'io-ts';
import { AUDIT_DEFAULT_RUNS, AUDIT_DEFAULT_STRATEGY, AUDIT_DEFAULT_WITNESS_DIR, EXHAUSTIVE_DEFAULT_MAX_STATES } from '../audit/defaults';
import { AuditOptionsC, CHECK_DEFAULT_OUT_DIR, CheckOptionsC, decodeOptions, EXPLORE_DEFAULT_OUT_DIR, ExploreOptionsC, flagName, InputError, MutantsOptionsC, SeedC, UsageError } from './options';

// Each command's module is loaded when that command runs: `--help`, `--version` and bad
// flags answer without loading the model and the property suites.

const DEFAULT_SEED = 20170423;
/** `check`'s scenarios per property: also the budget a design mutant must fall within (`mutants --design`). */
const CHECK_DEFAULT_RUNS = '1000';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const program = new Command()
  .name('dipc-spec')
  .description('Executable spec of CODOMs + dIPC and the property suites that check an implementation against it')
  .version(VERSION, '-V, --version', 'print the version')
  .exitOverride()
  .configureOutput({ writeErr: () => {} })
  .addHelpText('after', '\nStart with: dipc-spec check (what npm start runs). dipc-spec list names every property, finding, machine and mutant.\nExit codes: 0 pass, 1 a property failed, 2 bad input (nothing run), 4 results printed but an output file not written, 130/143 stopped by SIGINT/SIGTERM.');

let exitCode = 0;

program
  .command('check')
  .description('run every property suite and print a summary (what npm start runs)')
  .option('--seed <n>', 'fast-check seed', String(process.env.DIPC_SEED ?? DEFAULT_SEED))
  .option('--runs <n>', 'scenarios per property', CHECK_DEFAULT_RUNS)
  .option('--max-ops <n>', "longest generated trace (default: the layer's bound, 60 CODOMs ops or 80 dIPC ops)")
  .option('--only <ids...>', 'only these properties (e.g. C1 REF)', [])
  .option('--machine <id>', "machine under test: 'impl', 'spec' or a mutant id", 'impl')
  .option('--json <file>', "also write the reports as JSON ('-': standard output)")
  .option('--out-dir <dir>', 'where failing traces are written (git-ignored scratch by default; counterexamples to add them to the corpus)', CHECK_DEFAULT_OUT_DIR)
  .option('--no-write', 'do not write counterexample files')
  .option('--shard <i/n>', 'check only scenario k of each property with k % n = i - 1 (shards 1/n..n/n together = the unsharded run)')
  .option('--junit <file>', "also write the results as JUnit XML (one testcase per property; '-': standard output)")
  .option('--observe <file>', 'also write one JSON line per generated scenario in the Hypothesis observability shape (Tyche reads it; docs/pages.md)')
  .option('--strategy <name>', 'how scenarios are generated: patterns (the generators before swarm), uniform (single random ops), guided (by execution, weighted toward follow-through) or swarm (the default: a portfolio of these and attack-first short traces; docs/generators.md)')
  .addHelpText('after', '\nCtrl-C (or SIGTERM) stops after the current scenario, prints and writes (--json, --junit, --observe) what finished, exits 130 (143).')
  .action(async (raw: Record<string, unknown>) => {
    const o = decodeOptions(CheckOptionsC, raw, flagName);
    exitCode = await (await import('./check')).runCheck(o);
  });

program
  .command('mutants')
  .description('run the suite against every mutant and print the kill matrix, time and scenarios to first failure, shrunk length')
  .option('--json', 'print only JSON on stdout: { "mutants": [ { id, killed, killedBy, timeToFailureMs, scenariosToFailure, shrunkLength, ... } ] }', false)
  .option('--format <format>', 'matrix (the kill matrix), json (as --json), stryker (the mutation-testing report schema) or html (that report viewed with mutation-testing-elements, offline)', 'matrix')
  .option('--out <file>', 'with --format stryker or html: write the report there (atomically) instead of stdout')
  .option('--seed <n>', 'fast-check seed', String(process.env.DIPC_SEED ?? DEFAULT_SEED))
  .option('--runs <n>', "scenarios for each of a mutant's declared targets (each stops at its first failure; with --design the default is check's, 1000)", '3000')
  .option('--other-runs <n>', "scenarios for each other property of the mutant's layer: min(--runs, this), stopping at the first failure; 0 skips them", '100')
  .option('--only-mutant <ids...>', 'only these mutants', [])
  .option('--design', 'the design mutants (variants of the spec, mutants/design/) against the security, UNW and TMO properties; REF, DET and TOTAL do not count', false)
  .addHelpText('after', '\nProgress goes to stderr. Exit code 1 when a mutant survives every property that ran against it (its targets, and the rest of its layer unless --other-runs 0).')
  .action(async (raw: Record<string, unknown>, cmd: Command) => {
    // A design mutant must fall at the budget users run (issue 12 §3): check's default, unless --runs is given.
    const runs = raw.design === true && cmd.getOptionValueSource('runs') === 'default' ? CHECK_DEFAULT_RUNS : raw.runs;
    const o = decodeOptions(MutantsOptionsC, { ...raw, runs }, flagName);
    exitCode = (await import('./mutants')).runMutants(o);
  });

program
  .command('replay')
  .description('replay stored counterexample files step by step and check their recorded outcomes')
  .argument('<files...>')
  .option('--html [file]', 'also write the step viewer page (docs/pages.md): to FILE, or to stdout with no FILE or - (the text then goes to stderr)')
  .action(async (files: string[], o: { html?: string | boolean }) => {
    exitCode = (await import('./replay')).runReplay(files, o.html);
  });

program
  .command('shrink')
  .description('minimise stored counterexample files again until 1-minimal and rewrite them in place')
  .argument('<files...>')
  .action(async (files: string[]) => {
    exitCode = (await import('./shrink')).runShrink(files);
  });

program
  .command('run')
  .description('run a trace file (scenario or counterexample) on the spec and print it step by step')
  .argument('<file>')
  .option('--html [file]', 'also write the step viewer page (docs/pages.md): to FILE, or to stdout with no FILE or - (the text then goes to stderr)')
  .action(async (file: string, o: { html?: string | boolean }) => {
    exitCode = (await import('./run')).runTraceFile(file, o.html);
  });

program
  .command('list')
  .description('list every property, finding, machine and mutant, one line each')
  .option('--json', 'print the list as one JSON object', false)
  .action(async (raw: { json: boolean }) => {
    exitCode = (await import('./list')).runList(raw.json);
  });

program
  .command('record-mutants')
  .description('find, minimise and store a counterexample for every mutant and each property it targets')
  .option('--seed <n>', 'fast-check seed', String(DEFAULT_SEED))
  .option('--out-dir <dir>', 'corpus folder', 'counterexamples')
  .option('--only <ids...>', "only these mutants (e.g. 'dcs-base-one-too-low')", [])
  .option('--design', "the design mutants (mutants/design/), each found within check's default budget and recorded as passing on the spec", false)
  .action(async (raw: Record<string, unknown>) => {
    const o = decodeOptions(t.type({ seed: SeedC, outDir: t.string, only: t.array(t.string), design: t.boolean }), raw, flagName);
    exitCode = (await import('./record')).runRecordMutants(o.seed, o.outDir, o.only, o.design);
  });

program
  .command('record-findings')
  .description('store a trace for every guarantee with one condition dropped, showing the condition is needed')
  .option('--seed <n>', 'fast-check seed', String(DEFAULT_SEED))
  .option('--out-dir <dir>', 'corpus folder', 'counterexamples')
  .option('--only <ids...>', "only these findings (e.g. 'ARG-DCS-INT~no-dcs-protection')", [])
  .action(async (raw: Record<string, unknown>) => {
    const o = decodeOptions(t.type({ seed: SeedC, outDir: t.string, only: t.array(t.string) }), raw, flagName);
    exitCode = (await import('./record')).runRecordFindings(o.seed, o.outDir, o.only);
  });

program
  .command('audit')
  .description('which guarantees hold for the caller and the callee under every combination of isolation properties, and what a call costs under each')
  .option('--format <format>', 'md, json or html', 'md')
  .option('--out <file>', 'write the report there (atomically) instead of stdout')
  .option('--runs <n>', 'scenarios per combination class and side (docs/audit.md "Classes")', String(AUDIT_DEFAULT_RUNS))
  .option('--seed <n>', 'fast-check seed', String(process.env.DIPC_SEED ?? DEFAULT_SEED))
  .option('--max-ops <n>', 'longest generated trace', '80')
  .option('--machine <id>', "dIPC machine audited: 'impl', 'spec' or a mutant id", 'impl')
  .option('--strategy <name>', 'how scenarios are generated: swarm (the default: the audit\'s generator and attack-first short traces) or patterns (the audit\'s generator alone); docs/audit.md', AUDIT_DEFAULT_STRATEGY)
  .option('--witness-dir <dir>', 'where each broken cell\'s witness is written as a counterexample file', AUDIT_DEFAULT_WITNESS_DIR)
  .option('--no-witnesses', 'do not write witness files')
  .option('--workers <n>', 'worker threads (0: the main thread)', '2')
  .option('--only <combinations...>', 'only these combinations: index, name (caller-RI--callee-none), Low or High', [])
  .option('--exhaustive <k>', "also explore every trace of up to k ops of each class's small scope (docs/audit.md \"Exhaustive to depth K\")")
  .option('--exhaustive-max-states <n>', 'cut each exhaustive search at n distinct states', String(EXHAUSTIVE_DEFAULT_MAX_STATES))
  .addHelpText('after', '\nProgress and the seed go to stderr. See docs/audit.md for what is checked and how to read the report.')
  .action(async (raw: Record<string, unknown>) => {
    const o = decodeOptions(AuditOptionsC, raw, flagName);
    exitCode = await (await import('./audit')).runAudit(o);
  });

program
  .command('explore')
  .description('breadth-first, bounded-exhaustive exploration: every op sequence up to --depth from a scope, every property checked on every transition, and a certificate of what was covered')
  .option('--scope <name>', "a named small scope: two-process-call, three-process-chain-kill, or <combination>/<side> (Low/caller, High/callee, 3/caller, caller-RI--callee-none/callee)")
  .option('--scenario <file>', "explore from this scenario or counterexample file's config (dIPC layer)")
  .option('--depth <k>', 'ops per trace: every sequence of up to k ops is explored', '3')
  .option('--max-states <n>', 'stop once n distinct states are known (the certificate then says it was cut)')
  .option('--time <seconds>', 'stop after this many seconds (the certificate then says it was cut)')
  .option('--machine <id>', "dIPC machine explored: 'impl', 'spec' or a mutant id", 'impl')
  .option('--only <ids...>', "check only these properties (the certificate lists those checked); 'none': survey the state space only", [])
  .option('--json', 'print the certificate as JSON on stdout (progress still on stderr)', false)
  .option('--out <dir>', 'where a violation\'s minimised trace is written as a counterexample file', EXPLORE_DEFAULT_OUT_DIR)
  .option('--no-write', 'do not write the counterexample file')
  .option('--workers <n>', 'worker threads expanding the frontier (0: this thread); the certificate is the same whatever n', '0')
  .option('--shard <i/n>', 'only the traces through every n-th state of depth 1, from the i-th: n machines with 1/n .. n/n together cover the scope')
  // Internal: the reference path incremental checking is measured and compared against (docs/explore.md).
  .addOption(new Option('--replay-checks', "check by replaying each property's check from boot on every transition").hideHelp())
  .addHelpText('after', '\nProgress (states/s, frontier, depth) goes to stderr. No randomness: no seed. Exit 1 when a property is violated. See docs/explore.md.')
  .action(async (raw: Record<string, unknown>) => {
    const o = decodeOptions(ExploreOptionsC, raw, flagName);
    exitCode = await (await import('./explore')).runExploreCommand(o);
  });

const usageHint = 'see: dipc-spec --help';

try {
  // No command at all: the help, on standard output.
  if (process.argv.length <= 2) {
    program.outputHelp();
    process.exit(0);
  }
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Commander has printed the help or the version on standard output.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) process.exit(0);
    // One line, with commander's "(Did you mean ...?)" suggestion kept on it.
    process.stderr.write(`dipc-spec: ${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n${usageHint}\n`);
    process.exit(2);
  }
  if (e instanceof UsageError) {
    // A file's bad content is one line (the path of the bad field says it all); a bad flag gets the usage hint too.
    process.stderr.write(`dipc-spec: ${e.message.replace(/\s*\n\s*/g, ' ')}\n${e instanceof InputError ? '' : `${usageHint}\n`}`);
    process.exit(2);
  }
  process.stderr.write(`dipc-spec: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(3);
}
process.exitCode = exitCode;
