// Turning property reports into what people and scripts read: the summary table, the
// failure block with the replay command, the JSON report and the counterexample file.
import Table from 'cli-table3';
import pc from 'picocolors';
import { relative } from 'node:path';
import { dipcOpToString } from '../alphabet/dipc-ops';
import type { CounterexampleFile } from '../counterexamples/format';
import { SCHEMA_VERSION } from '../counterexamples/format';
import { writeCounterexample } from '../counterexamples/store';
import type { PropertyReport } from '../properties/runner';

/**
 * Cross-process calls completed in a dIPC run: stub_return ops the machine under test
 * returned ok (the honest callee stub returned through the proxy), summed over every
 * scenario checked; a split-off callee's late return after a time-out is one too.
 * null for a CODOMs property (no processes, no calls).
 */
export const callsCompleted = (r: PropertyReport): number | null => (r.layer === 'dipc' ? (r.stats['stub_return']?.ok ?? 0) : null);

const resultCell = (r: PropertyReport): string =>
  r.result === 'fail' ? pc.red('FAIL') : r.interrupted === true ? pc.yellow('stopped') : pc.green('pass');

export const summaryTable = (reports: readonly PropertyReport[]): string => {
  const table = new Table({
    head: ['property', 'runs', 'ops', 'calls', 'result', 'seed', 'time'],
    colAligns: ['left', 'right', 'right', 'right', 'left', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const r of reports) {
    table.push([r.id, r.runs, r.ops, callsCompleted(r) ?? '-', resultCell(r), r.seed, `${(r.timeMs / 1000).toFixed(1)}s`]);
  }
  return table.toString();
};

export const toCounterexampleFile = (r: PropertyReport, name: string, note: string, outcomes: Record<string, 'fail' | 'pass'>): CounterexampleFile => {
  const cx = r.counterexample;
  if (cx === null) throw new Error('toCounterexampleFile: the report has no counterexample');
  return {
    schemaVersion: SCHEMA_VERSION,
    property: r.id,
    name,
    machine: r.machine,
    seed: r.seed,
    path: cx.path,
    layer: r.layer,
    config: cx.scenario.config,
    trace: [...cx.scenario.ops],
    failingStep: cx.violation.step,
    expected: cx.violation.expected,
    observed: cx.violation.observed,
    note,
    outcomes,
  };
};

/** The block printed for a failing property: what broke, the minimised trace, how to replay it. */
export const failureBlock = (r: PropertyReport, file: string | null): string => {
  const cx = r.counterexample;
  if (cx === null && r.coverageShortfall !== undefined && r.coverageShortfall.length > 0)
    return [
      pc.red(`✗ ${r.id}: generator coverage too low (seed ${r.seed}, ${r.runs} scenarios)`),
      ...r.coverageShortfall.map((c) => `  ${c.event}: ${(100 * c.share).toFixed(1)}% of scenarios, needs ${(100 * c.min).toFixed(1)}%`),
    ].join('\n');
  if (cx === null) return `${r.id} failed without a counterexample`;
  const lines = [
    pc.red(`✗ ${r.id} (${r.title}) fails on ${r.machine}`),
    `  seed ${r.seed}, path ${cx.path}, after ${cx.scenariosToFailure} scenarios; trace shrunk from ${cx.shrunkFrom} to ${cx.scenario.ops.length} ops, ${cx.minimizerCapped ? 'not yet 1-minimal after' : '1-minimal after'} ${cx.minimizerCalls} minimiser calls`,
    `  at step ${cx.violation.step}: expected ${cx.violation.expected}`,
    `                 observed ${cx.violation.observed}`,
    ...cx.scenario.ops.map((op, i) => `  ${String(i).padStart(3)}  ${dipcOpToString(op)}`),
  ];
  if (file !== null) lines.push(`  replay: npx dipc-spec replay ${relative(process.cwd(), file)}`);
  return lines.join('\n');
};

export const writeCounterexampleFor = (dir: string, r: PropertyReport, name: string, note: string, outcomes: Record<string, 'fail' | 'pass'>): string =>
  writeCounterexample(dir, toCounterexampleFile(r, name, note, outcomes));

/** Write a file whole or not at all (cli/output-paths.ts). */
export { writeTextAtomically } from './output-paths';
import { writeTextAtomically } from './output-paths';

export const writeJsonAtomically = (file: string, value: unknown): void => writeTextAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
