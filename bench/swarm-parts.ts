// `npm run bench:parts`: swarm's sub-generators one at a time (docs/generators.md "How the
// weights were chosen"). For every mutant and target property, each sub-generator's
// scenarios are sampled alone at one seed and checked on the mutant: the share that fails
// and the ms per scenario (generation and check). From these the expected time to a first
// failure of any weighted mix follows (per scenario, failure probability and cost are the
// weighted means), which is how the weights in gen/strategies.ts were set.
import fc from 'fast-check';
import Table from 'cli-table3';
import { Command } from 'commander';
import { checkMutantIds, parseOrExit } from './cli-run';
import * as t from 'io-ts';
import { decodeOptions, flagName, intFromString, SeedC } from '../cli/options';
import { swarmParts } from '../gen/strategies';
import { checkOn } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import { benchMutants } from './generators-run';

export interface PartRow {
  readonly mutant: string;
  readonly property: string;
  readonly part: string;
  readonly weight: number;
  readonly failed: number;
  readonly scenarios: number;
  readonly msPerScenario: number;
}

export const measureParts = (mutants: readonly string[], n: number, seed: number, onRow: (r: PartRow) => void): PartRow[] => {
  const rows: PartRow[] = [];
  for (const m of benchMutants(mutants)) {
    for (const p of m.targets) {
      const prop = propertyById(p);
      if (prop === undefined) continue;
      for (const part of swarmParts(prop as never)) {
        const t0 = performance.now();
        let failed = 0;
        for (const sc of fc.sample(part.arbitrary, { seed, numRuns: n })) if (checkOn(prop, sc, m.id)?.violation != null) failed++;
        const row = { mutant: m.id, property: p, part: part.name, weight: part.weight, failed, scenarios: n, msPerScenario: (performance.now() - t0) / n };
        rows.push(row);
        onRow(row);
      }
    }
  }
  return rows;
};

const OptionsC = t.type({
  json: t.union([t.boolean, t.undefined]),
  seed: SeedC,
  scenarios: intFromString('scenarios', 1, 1_000_000),
  mutants: t.array(t.string),
});

const program = new Command()
  .name('bench:parts')
  .description("swarm's sub-generators one at a time: per mutant and target, the share of each one's scenarios that fail on the mutant, and ms per scenario")
  .option('--json', 'print the rows as one JSON array on stdout')
  .option('--seed <n>', 'sampling seed', '4242')
  .option('--scenarios <n>', 'scenarios per sub-generator, mutant and target', '200')
  .option('--mutants <ids...>', 'only these mutants', [])
  .exitOverride()
  .configureOutput({ writeErr: () => {} })
  .action((raw: Record<string, unknown>) => {
    const o = decodeOptions(OptionsC, raw, flagName);
    checkMutantIds(o.mutants, benchMutants([]).map((m) => m.id));
    process.stderr.write(`bench:parts: seed ${o.seed}, ${o.scenarios} scenarios per sub-generator\n`);
    const rows = measureParts(o.mutants, o.scenarios, o.seed, (r) =>
      process.stderr.write(`bench:parts: ${r.mutant} ${r.property} ${r.part}: ${r.failed}/${r.scenarios} fail, ${r.msPerScenario.toFixed(2)} ms per scenario\n`));
    if (o.json === true) {
      process.stdout.write(`${JSON.stringify(rows)}\n`);
      return;
    }
    const tb = new Table({ head: ['mutant', 'property', 'sub-generator', 'weight', 'fail', 'ms/scenario'] });
    for (const r of rows) tb.push([r.mutant, r.property, r.part, String(r.weight), `${r.failed}/${r.scenarios}`, r.msPerScenario.toFixed(2)]);
    process.stdout.write(`${tb.toString()}\n`);
  });

parseOrExit(program, 'bench:parts');
