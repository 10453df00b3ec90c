// `dipc-spec check` (what `npm start` runs): every property suite against a machine, with a
// progress display, a summary table, and on failure the minimised trace written under
// counterexamples/ and the command that replays it.
import { PROPERTIES } from '../properties/catalogue';
import { runProperty, type PropertyReport } from '../properties/runner';
import { formatStats } from '../properties/stats';
import type { MachineFactory } from '../refinement/machine';
import type { CheckOptions } from './options';
import { UsageError } from './options';
import { startProgress } from './progress';
import { failureBlock, summaryTable, writeCounterexampleFor, writeJsonAtomically } from './report';

export const runCheck = (opts: CheckOptions, machineById: (id: string) => MachineFactory | undefined): number => {
  const factory = machineById(opts.machine);
  if (factory === undefined) throw new UsageError(`--machine: unknown machine '${opts.machine}'`);
  const unknown = opts.only.filter((id) => !PROPERTIES.some((p) => p.id === id));
  if (unknown.length > 0) throw new UsageError(`--only: unknown property ${unknown.join(', ')} (known: ${PROPERTIES.map((p) => p.id).join(' ')})`);
  const props = opts.only.length === 0 ? PROPERTIES : PROPERTIES.filter((p) => opts.only.includes(p.id));
  console.log(`dipc-spec check: seed ${opts.seed}, ${opts.runs} scenarios per property, up to ${opts.maxOps} ops each, machine ${factory.id}`);
  const reports: PropertyReport[] = [];
  const failures: string[] = [];
  for (const prop of props) {
    const progress = startProgress(prop.id, opts.runs);
    const r = runProperty(prop, { seed: opts.seed, numRuns: opts.runs, maxOps: opts.maxOps, factory, onProgress: (n) => progress.update(n) });
    progress.stop(`${prop.id.padEnd(6)} ${r.result === 'pass' ? 'pass' : 'FAIL'}  ${r.runs} scenarios, ${r.ops} ops, ${(r.timeMs / 1000).toFixed(1)}s`);
    reports.push(r);
    if (r.result === 'fail') {
      const file = opts.write
        ? writeCounterexampleFor(opts.outDir, r, `${factory.id}-seed${opts.seed}`, `found by dipc-spec check --seed ${opts.seed}`, { [factory.id]: 'fail' })
        : null;
      failures.push(failureBlock(r, file));
    }
  }
  console.log(summaryTable(reports));
  const c1 = reports.find((r) => r.id === 'C1');
  if (c1 !== undefined) console.log(['op outcomes (C1 run):', ...formatStats(c1.stats).map((l) => `  ${l}`)].join('\n'));
  for (const f of failures) console.log(f);
  if (opts.json !== undefined) writeJsonAtomically(opts.json, { seed: opts.seed, machine: factory.id, reports });
  const failed = reports.filter((r) => r.result === 'fail').length;
  console.log(`${reports.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
};
