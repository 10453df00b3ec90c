// `dipc-spec check` (what `npm start` runs): every property suite against a machine, with a
// progress display, a summary table, and on failure the minimised trace written under
// counterexamples/ and the command that replays it.
import { PROPERTIES, selectProperties } from '../properties/catalogue';
import type { PropertyReport } from '../properties/runner';
import { formatEvents, formatStats } from '../properties/stats';
import { hasMachine, MACHINE_IDS, runOn } from '../refinement/registry';
import type { CheckOptions } from './options';
import { UsageError } from './options';
import { startProgress } from './progress';
import { failureBlock, summaryTable, writeCounterexampleFor, writeJsonAtomically } from './report';

export const runCheck = (opts: CheckOptions): number => {
  if (!MACHINE_IDS.includes(opts.machine)) throw new UsageError(`--machine: unknown machine '${opts.machine}' (known: ${MACHINE_IDS.join(' ')})`);
  const unknown = opts.only.filter((id) => selectProperties([id]).length === 0);
  if (unknown.length > 0) throw new UsageError(`--only: unknown property ${unknown.join(', ')} (known: ${PROPERTIES.map((p) => p.id).join(' ')})`);
  // A mutant belongs to one layer: only that layer's properties run against it.
  const props = selectProperties(opts.only).filter((p) => hasMachine(p, opts.machine));
  if (props.length === 0) throw new UsageError(`--only: none of those properties speaks about machine '${opts.machine}'`);
  const maxOps = opts.maxOps ?? undefined;
  console.log(`dipc-spec check: seed ${opts.seed}, ${opts.runs} scenarios per property, ${maxOps === undefined ? "each layer's default trace length" : `up to ${maxOps} ops each`}, machine ${opts.machine}`);
  const reports: PropertyReport[] = [];
  const failures: string[] = [];
  for (const prop of props) {
    const progress = startProgress(prop.id, opts.runs);
    const r = runOn(prop, opts.machine, { seed: opts.seed, numRuns: opts.runs, maxOps, onProgress: (n) => progress.update(n) });
    if (r === null) continue;
    progress.stop(`${prop.id.padEnd(6)} ${r.result === 'pass' ? 'pass' : 'FAIL'}  ${r.runs} scenarios, ${r.ops} ops, ${(r.timeMs / 1000).toFixed(1)}s`);
    reports.push(r);
    if (r.result === 'fail') {
      const file = opts.write
        ? writeCounterexampleFor(opts.outDir, r, `${opts.machine}-seed${opts.seed}`, `found by dipc-spec check --seed ${opts.seed}`, { [opts.machine]: 'fail' })
        : null;
      failures.push(failureBlock(r, file));
    }
  }
  console.log(summaryTable(reports));
  const c1 = reports.find((r) => r.id === 'C1');
  if (c1 !== undefined) console.log(['op outcomes (C1 run):', ...formatStats(c1.stats).map((l) => `  ${l}`)].join('\n'));
  // What the dIPC scenarios reached: calls completed, nesting, policies, kills, crashes, time-outs.
  const dipc = reports.find((r) => r.layer === 'dipc' && Object.keys(r.events).length > 0);
  if (dipc !== undefined) console.log(formatEvents(dipc).join('\n'));
  for (const f of failures) console.log(f);
  if (opts.json !== undefined) writeJsonAtomically(opts.json, { seed: opts.seed, machine: opts.machine, reports });
  const failed = reports.filter((r) => r.result === 'fail').length;
  console.log(`${reports.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
};
