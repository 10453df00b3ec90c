// `dipc-spec check` (what `npm start` runs): every property suite against a machine, with a
// progress display, a summary table, and on failure the minimised trace written under
// scratch/counterexamples/ (git-ignored; `--out-dir counterexamples` puts it in the corpus)
// and the command that replays it. `--shard i/n` checks this machine's share of the
// scenarios; `--json` and `--junit` write the reports (`-`: standard output). Every output
// path is checked before the run (cli/output-paths.ts). Ctrl-C or SIGTERM stops cleanly
// (what finished is reported and written, exit 130 or 143).
import { relative } from 'node:path';
import { DEFAULT_STRATEGY } from '../gen/strategies';
import { PROPERTIES, selectProperties } from '../properties/catalogue';
import type { PropertyReport } from '../properties/runner';
import { formatReach } from '../properties/reach';
import { formatEvents, formatStats } from '../properties/stats';
import { hasMachine, MACHINE_IDS } from '../machines/registry';
import { inProcessExecutor, type PropertyExecutor, type RunSettings, shardRuns, workerExecutor } from './check-exec';
import { StopFlag, stopOnSignals } from './interrupt';
import { junitXml } from './junit';
import { observationSink } from './observe-sink';
import type { CheckOptions } from './options';
import { UsageError } from './options';
import { anyToStdout, OUTPUT_NOT_WRITTEN_EXIT, type OutputTarget, preflightOutputs, writeOutput } from './output-paths';
import { startProgress } from './progress';
import { failureBlock, summaryTable, toCounterexampleFile } from './report';
import { counterexamplePath, counterexampleText } from '../counterexamples/store';

export interface CheckControl {
  /** The stop request: set by Ctrl-C on the command line, or by a caller (tests). */
  readonly stop: StopFlag;
  /** Run the properties in a worker thread (the command line) or in this thread (tests). */
  readonly executor: 'worker' | 'in-process';
  /** Take SIGINT while the run lasts (the command line). */
  readonly sigint: boolean;
}

const cliControl = (): CheckControl => ({ stop: new StopFlag(), executor: 'worker', sigint: true });

export { CHECK_DEFAULT_OUT_DIR } from './options';

export const runCheck = async (opts: CheckOptions, control: CheckControl = cliControl()): Promise<number> => {
  if (!MACHINE_IDS.includes(opts.machine)) throw new UsageError(`--machine: unknown machine '${opts.machine}' (known: ${MACHINE_IDS.join(' ')})`);
  const unknown = opts.only.filter((id) => selectProperties([id]).length === 0);
  if (unknown.length > 0) throw new UsageError(`--only: unknown property ${unknown.join(', ')} (known: ${PROPERTIES.map((p) => p.id).join(' ')})`);
  // A mutant belongs to one layer: only that layer's properties run against it.
  const props = selectProperties(opts.only).filter((p) => hasMachine(p, opts.machine));
  if (props.length === 0) throw new UsageError(`--only: none of those properties speaks about machine '${opts.machine}'`);
  const jsonOut: OutputTarget | null = opts.json === undefined ? null : { flag: '--json', path: opts.json, kind: 'file', stdoutAllowed: true };
  const junitOut: OutputTarget | null = opts.junit === undefined ? null : { flag: '--junit', path: opts.junit, kind: 'file', stdoutAllowed: true };
  const observeOut: OutputTarget | null = opts.observe === undefined ? null : { flag: '--observe', path: opts.observe, kind: 'file' };
  const dirOut: OutputTarget | null = opts.write ? { flag: '--out-dir', path: opts.outDir, kind: 'folder' } : null;
  preflightOutputs([jsonOut, junitOut, observeOut, dirOut]);
  const maxOps = opts.maxOps ?? undefined;
  const shard = opts.shard;
  const shardText = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
  const perProperty = shardRuns(opts.runs, shard);
  if (perProperty === 0 && shard !== undefined)
    throw new UsageError(`--shard ${shardText}: nothing to run (with --runs ${opts.runs}, shards past ${opts.runs} of ${shard.count} have no scenario)`);
  // With `--json -` or `--junit -`, standard output holds that document alone.
  const stdoutTaken = anyToStdout([jsonOut, junitOut]);
  const say: (line: string) => void = stdoutTaken ? (line) => void process.stderr.write(`${line}\n`) : (line) => console.log(line);
  const fallback = stdoutTaken ? 'stderr' : 'stdout';
  let lost = false;
  say(
    `dipc-spec check: seed ${opts.seed}, ${opts.runs} scenarios per property${shard === undefined ? '' : ` (shard ${shardText}: the ${perProperty} with index k % ${shard.count} = ${shard.index - 1})`}, ${maxOps === undefined ? "each layer's default trace length" : `up to ${maxOps} ops each`}, machine ${opts.machine}${opts.strategy === undefined || opts.strategy === DEFAULT_STRATEGY ? '' : `, strategy ${opts.strategy}`}`,
  );
  const settings: RunSettings = { machine: opts.machine, seed: opts.seed, numRuns: opts.runs, maxOps, shard, observe: opts.observe !== undefined, strategy: opts.strategy ?? DEFAULT_STRATEGY };
  // Observation lines stream into a temporary file next to --observe, renamed over it when the run ends (whole or not at all).
  const observations = opts.observe === undefined ? null : observationSink(opts.observe);
  const exec: PropertyExecutor = control.executor === 'worker' ? workerExecutor(settings, control.stop) : inProcessExecutor(settings, control.stop);
  const signals = control.sigint ? stopOnSignals(control.stop) : null;
  const reports: PropertyReport[] = [];
  const failures: string[] = [];
  const failureText: Record<string, string> = {};
  const notRun: typeof props = [];
  let ranThrough = false;
  try {
    for (const prop of props) {
      if (control.stop.stopped) {
        notRun.push(prop);
        continue;
      }
      const progress = startProgress(prop.id, perProperty);
      const r = await exec.run(prop.id, (n) => progress.update(n), observations?.add);
      if (r === null) {
        progress.stop(`${prop.id.padEnd(6)} no ${prop.layer} machine '${opts.machine}'`);
        continue;
      }
      const verdict = r.result === 'fail' ? 'FAIL' : r.interrupted === true ? `stopped after ${r.runs} of ${perProperty} scenarios` : 'pass';
      progress.stop(`${prop.id.padEnd(6)} ${verdict}  ${r.runs} scenarios, ${r.ops} ops, ${(r.timeMs / 1000).toFixed(1)}s`);
      reports.push(r);
      if (r.result === 'fail') {
        let file: string | null = null;
        if (dirOut !== null && r.counterexample !== null) {
          const cx = toCounterexampleFile(r, `${opts.machine}-seed${opts.seed}`, `found by dipc-spec check --seed ${opts.seed}${shard === undefined ? '' : ` --shard ${shardText}`}`, { [opts.machine]: 'fail' });
          const path = counterexamplePath(opts.outDir, cx.property, cx.name);
          if (writeOutput({ flag: '--out-dir', path: relative(process.cwd(), path) || path, kind: 'file' }, counterexampleText(cx), fallback)) file = path;
          else lost = true;
        }
        const block = failureBlock(r, file);
        failures.push(block);
        failureText[r.id] = block;
      }
    }
    ranThrough = true;
  } finally {
    signals?.uninstall();
    await exec.close();
    observations?.close(ranThrough);
  }
  const interrupted = control.stop.stopped;
  say(summaryTable(reports));
  const c1 = reports.find((r) => r.id === 'C1');
  if (c1 !== undefined) say(['op outcomes (C1 run):', ...formatStats(c1.stats).map((l) => `  ${l}`)].join('\n'));
  // What the dIPC scenarios reached: calls completed, nesting, policies, kills, crashes, time-outs.
  const dipc = reports.find((r) => r.layer === 'dipc' && Object.keys(r.events).length > 0);
  if (dipc !== undefined) say(formatEvents(dipc).join('\n'));
  // Per property, how many scenarios got to each attack pattern's last step (properties/reach.ts).
  for (const r of reports) {
    const lines = formatReach(r);
    if (lines.length > 0) say([`${r.id}: attack patterns' last steps reached (share of ${r.runs} scenarios):`, ...lines].join('\n'));
  }
  for (const f of failures) say(f);
  const stopped = interrupted ? { interrupted: true, ...(signals?.stoppedBy().signal === 'SIGTERM' ? { signal: 'SIGTERM' } : {}), notRun: notRun.map((p) => p.id) } : {};
  if (jsonOut !== null && !writeOutput(jsonOut, `${JSON.stringify({ seed: opts.seed, machine: opts.machine, ...(shard === undefined ? {} : { shard: shardText }), ...stopped, reports }, null, 2)}\n`, fallback)) lost = true;
  if (junitOut !== null && !writeOutput(junitOut, junitXml({ seed: opts.seed, machine: opts.machine, runs: opts.runs, shard: shardText, reports, failureText, notRun, interrupted }), fallback)) lost = true;
  const failed = reports.filter((r) => r.result === 'fail').length;
  const partial = reports.filter((r) => r.interrupted === true && r.result === 'pass').length;
  const passed = reports.length - failed - partial;
  if (interrupted) {
    const by = signals?.stoppedBy() ?? { signal: null, exitCode: 130 };
    say(
      `${by.signal === 'SIGTERM' ? 'terminated' : 'interrupted'}: ${passed} passed, ${failed} failed, ${partial} stopped part-way, ${notRun.length} not run${notRun.length > 0 ? ` (${notRun.map((p) => p.id).join(' ')})` : ''}`,
    );
    return by.exitCode;
  }
  say(`${passed} passed, ${failed} failed`);
  if (lost) process.stderr.write(`dipc-spec: an output could not be written (see above); its text was printed instead\n`);
  // A failing run exits 1 whatever else happened; a passing one whose output was not written, 4.
  return failed > 0 ? 1 : lost ? OUTPUT_NOT_WRITTEN_EXIT : 0;
};
