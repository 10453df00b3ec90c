// `dipc-spec check` (what `npm start` runs): every property suite against a machine, with a
// progress display, a summary table, and on failure the minimised trace written under
// counterexamples/ and the command that replays it. `--shard i/n` checks this machine's
// share of the scenarios; `--json` and `--junit` write the reports; Ctrl-C stops cleanly
// (what finished is reported and written, exit 130).
import { statSync } from 'node:fs';
import { PROPERTIES, selectProperties } from '../properties/catalogue';
import type { PropertyReport } from '../properties/runner';
import { formatEvents, formatStats } from '../properties/stats';
import { hasMachine, MACHINE_IDS } from '../machines/registry';
import { inProcessExecutor, type PropertyExecutor, type RunSettings, shardRuns, workerExecutor } from './check-exec';
import { INTERRUPTED_EXIT, StopFlag, stopOnSigint } from './interrupt';
import { junitXml } from './junit';
import { observationSink } from './observe-sink';
import type { CheckOptions } from './options';
import { UsageError } from './options';
import { startProgress } from './progress';
import { failureBlock, summaryTable, writeCounterexampleFor, writeJsonAtomically, writeTextAtomically } from './report';

export interface CheckControl {
  /** The stop request: set by Ctrl-C on the command line, or by a caller (tests). */
  readonly stop: StopFlag;
  /** Run the properties in a worker thread (the command line) or in this thread (tests). */
  readonly executor: 'worker' | 'in-process';
  /** Take SIGINT while the run lasts (the command line). */
  readonly sigint: boolean;
}

const cliControl = (): CheckControl => ({ stop: new StopFlag(), executor: 'worker', sigint: true });

const isDirectory = (f: string): boolean => {
  try {
    return statSync(f).isDirectory();
  } catch {
    return false;
  }
};

export const runCheck = async (opts: CheckOptions, control: CheckControl = cliControl()): Promise<number> => {
  if (!MACHINE_IDS.includes(opts.machine)) throw new UsageError(`--machine: unknown machine '${opts.machine}' (known: ${MACHINE_IDS.join(' ')})`);
  const unknown = opts.only.filter((id) => selectProperties([id]).length === 0);
  if (unknown.length > 0) throw new UsageError(`--only: unknown property ${unknown.join(', ')} (known: ${PROPERTIES.map((p) => p.id).join(' ')})`);
  // A mutant belongs to one layer: only that layer's properties run against it.
  const props = selectProperties(opts.only).filter((p) => hasMachine(p, opts.machine));
  if (props.length === 0) throw new UsageError(`--only: none of those properties speaks about machine '${opts.machine}'`);
  for (const [flag, file] of [['--json', opts.json], ['--junit', opts.junit], ['--observe', opts.observe]] as const)
    if (file !== undefined && isDirectory(file)) throw new UsageError(`${flag}: '${file}' is a directory, expected a file name`);
  const maxOps = opts.maxOps ?? undefined;
  const shard = opts.shard;
  const shardText = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
  const perProperty = shardRuns(opts.runs, shard);
  console.log(
    `dipc-spec check: seed ${opts.seed}, ${opts.runs} scenarios per property${shard === undefined ? '' : ` (shard ${shardText}: the ${perProperty} with index k % ${shard.count} = ${shard.index - 1})`}, ${maxOps === undefined ? "each layer's default trace length" : `up to ${maxOps} ops each`}, machine ${opts.machine}`,
  );
  const settings: RunSettings = { machine: opts.machine, seed: opts.seed, numRuns: opts.runs, maxOps, shard, observe: opts.observe !== undefined };
  // Observation lines stream into a temporary file next to --observe, renamed over it when the run ends (whole or not at all).
  const observations = opts.observe === undefined ? null : observationSink(opts.observe);
  const exec: PropertyExecutor = control.executor === 'worker' ? workerExecutor(settings, control.stop) : inProcessExecutor(settings, control.stop);
  const uninstall = control.sigint ? stopOnSigint(control.stop) : () => {};
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
        const file = opts.write && r.counterexample !== null
          ? writeCounterexampleFor(opts.outDir, r, `${opts.machine}-seed${opts.seed}`, `found by dipc-spec check --seed ${opts.seed}${shard === undefined ? '' : ` --shard ${shardText}`}`, { [opts.machine]: 'fail' })
          : null;
        const block = failureBlock(r, file);
        failures.push(block);
        failureText[r.id] = block;
      }
    }
    ranThrough = true;
  } finally {
    uninstall();
    await exec.close();
    observations?.close(ranThrough);
  }
  const interrupted = control.stop.stopped;
  console.log(summaryTable(reports));
  const c1 = reports.find((r) => r.id === 'C1');
  if (c1 !== undefined) console.log(['op outcomes (C1 run):', ...formatStats(c1.stats).map((l) => `  ${l}`)].join('\n'));
  // What the dIPC scenarios reached: calls completed, nesting, policies, kills, crashes, time-outs.
  const dipc = reports.find((r) => r.layer === 'dipc' && Object.keys(r.events).length > 0);
  if (dipc !== undefined) console.log(formatEvents(dipc).join('\n'));
  for (const f of failures) console.log(f);
  const stopped = interrupted ? { interrupted: true, notRun: notRun.map((p) => p.id) } : {};
  if (opts.json !== undefined) writeJsonAtomically(opts.json, { seed: opts.seed, machine: opts.machine, ...(shard === undefined ? {} : { shard: shardText }), ...stopped, reports });
  if (opts.junit !== undefined)
    writeTextAtomically(opts.junit, junitXml({ seed: opts.seed, machine: opts.machine, runs: opts.runs, shard: shardText, reports, failureText, notRun, interrupted }));
  const failed = reports.filter((r) => r.result === 'fail').length;
  const partial = reports.filter((r) => r.interrupted === true && r.result === 'pass').length;
  const passed = reports.length - failed - partial;
  if (interrupted) {
    console.log(
      `interrupted: ${passed} passed, ${failed} failed, ${partial} stopped part-way, ${notRun.length} not run${notRun.length > 0 ? ` (${notRun.map((p) => p.id).join(' ')})` : ''}`,
    );
    return INTERRUPTED_EXIT;
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
};
