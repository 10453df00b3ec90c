// `dipc-spec mutants`: the property suite against every mutant, as a kill matrix (mutant ×
// property of its layer), with how fast each mutant falls: the time and the number of
// generated scenarios to its first failure, and the length of the minimised trace.
//
// Budget: a mutant's declared targets run first, each with the full --runs (default 3000,
// the test suite's MUTANT_RUNS) and each stopping at its first failure; the other
// properties of the mutant's layer then run with min(--runs, --other-runs) scenarios
// (default 100), also stopping at their first failure. So the matrix is exact for the
// targets and a cheap sample for the rest: a '·' outside the targets means "not killed
// within the smaller budget", not "cannot kill".
//
// --design: the design mutants (mutants/design/, issue 12 §3), variants of the spec, instead:
// they run on the dIPC layer's oracles only (REF, DET and TOTAL compare the flawed design with
// itself), their targets at check's default budget unless --runs says otherwise, and a
// failure counts as a kill only when its minimised trace passes on the spec itself. Their
// rows say `"layer": "design"`.
//
// Formats (--format): the matrix (text), json (= --json), stryker (the mutation-testing report
// schema) and html (that report in mutation-testing-elements): pages/mutation-report.ts.
import Table from 'cli-table3';
import { statSync } from 'node:fs';
import pc from 'picocolors';
import { dipcOpToString } from '../alphabet/dipc-ops';
import { type AnyMutant, checkOn, DESIGN_MUTANTS, EVERY_MUTANT, runOn } from '../machines/registry';
import { strykerHtml, strykerReport } from '../pages/mutation-report';
import { PROPERTIES, propertyById } from '../properties/catalogue';
import type { AnyProperty, Violation } from '../properties/types';
import { type MutantsFormat, type MutantsOptions, UsageError } from './options';
import { OUTPUT_NOT_WRITTEN_EXIT, type OutputTarget, preflightOutputs, writeOutput } from './output-paths';
import { startProgress } from './progress';

const isDirectory = (f: string): boolean => {
  try {
    return statSync(f).isDirectory();
  } catch {
    return false;
  }
};

/** One cell of the matrix: a property run against a mutant. */
export interface CellResult {
  readonly property: string;
  readonly target: boolean;
  /** Scenarios allowed (the budget) and checked. */
  readonly budget: number;
  readonly runs: number;
  /**
   * Killed: the property found a counterexample and that trace passes on the impl (a
   * coverage shortfall alone is no kill, nor a failure the impl shows too).
   */
  readonly killed: boolean;
  /**
   * The property failed, but its minimised trace fails on the impl as well: the property (or
   * the impl) is broken, not the mutant caught. For a design mutant: on the spec as well.
   */
  readonly failsOnImpl: boolean;
  readonly scenariosToFailure: number | null;
  /** From the start of this property's run to the end of the check of its first failing scenario (shrinking excluded). */
  readonly timeToFailureMs: number | null;
  readonly shrunkLength: number | null;
  readonly timeMs: number;
  /** A kill's minimised trace (each op as printed) and what the property expected and observed. */
  readonly counterexample?: { readonly trace: readonly string[]; readonly violation: Violation } | null;
}

export interface MutantResult {
  readonly id: string;
  /** 'codoms' or 'dipc' for an impl mutant; 'design' for a design mutant (it runs on the dIPC layer). */
  readonly layer: string;
  readonly description: string;
  readonly targets: readonly string[];
  readonly killed: boolean;
  readonly killedBy: readonly string[];
  /**
   * Killed by a property that is an oracle of the guarantee, not only by REF, DET or TOTAL
   * (issue 12 §1: every impl mutant should be; a flawed design has no REF to catch it).
   */
  readonly killedByOracle: boolean;
  /** The first property, in run order, that killed the mutant. */
  readonly firstKilledBy: string | null;
  /** From the start of the mutant's first property to its first failing scenario, over every property run before (shrinking excluded). */
  readonly timeToFailureMs: number | null;
  /** Scenarios generated from the mutant's start up to and including the first failing one. */
  readonly scenariosToFailure: number | null;
  /** Ops in the minimised counterexample of that first failure. */
  readonly shrunkLength: number | null;
  /** Declared targets that did not kill it. */
  readonly targetsMissed: readonly string[];
  readonly timeMs: number;
  readonly properties: readonly CellResult[];
}

/**
 * Properties that cannot judge a design mutant: REF, DET and TOTAL compare the machine with a
 * reference (or with itself), and a variant of the spec is its own reference.
 */
export const NOT_FOR_DESIGN: ReadonlySet<string> = new Set(['REF', 'DET', 'TOTAL']);

/** The properties that count against a design mutant: the dIPC layer's oracles (security, UNW, TMO). */
export const DESIGN_PROPERTIES: readonly AnyProperty[] = PROPERTIES.filter((p) => p.layer === 'dipc' && !NOT_FOR_DESIGN.has(p.id.split('.')[0]));

/** The properties of a mutant's kind and layer, in catalogue order. */
const propertiesFor = (m: AnyMutant): readonly AnyProperty[] => (m.kind === 'design' ? DESIGN_PROPERTIES : PROPERTIES.filter((p) => p.layer === m.layer));

/** Where a failing trace must pass for the failure to count as a kill: the impl, or for a design mutant the spec. */
export const referenceOf = (m: AnyMutant): 'impl' | 'spec' => (m.kind === 'design' ? 'spec' : 'impl');

/** The properties run against a mutant, in order: its targets, then the rest of its layer (a design mutant: of the design properties). */
export const mutantProperties = (m: AnyMutant): { prop: AnyProperty; target: boolean }[] => {
  const pool = propertiesFor(m);
  const targets = m.targets.map((id) => propertyById(id)).filter((p): p is AnyProperty => p !== undefined && pool.includes(p));
  const others = pool.filter((p) => !m.targets.includes(p.id));
  return [...targets.map((prop) => ({ prop, target: true })), ...others.map((prop) => ({ prop, target: false }))];
};

export interface MutantRunSettings {
  readonly seed: number;
  readonly runs: number;
  readonly otherRuns: number;
  /** Progress display per property run (stderr); none when absent. */
  readonly progress?: boolean;
  readonly label?: string;
}

export const runMutant = (m: AnyMutant, s: MutantRunSettings): MutantResult => {
  const started = performance.now();
  const cells: CellResult[] = [];
  let first: { prop: string; timeToFailureMs: number; scenariosToFailure: number; shrunkLength: number } | null = null;
  let scenariosBefore = 0;
  for (const { prop, target } of mutantProperties(m)) {
    const budget = target ? s.runs : Math.min(s.runs, s.otherRuns);
    if (budget === 0) continue;
    const progress = s.progress === true ? startProgress(`${s.label ?? ''}${m.id} ${prop.id}`, budget) : null;
    const propStart = performance.now();
    let lastScenarioAt = propStart;
    const r = runOn(prop, m.id, {
      seed: s.seed,
      numRuns: budget,
      onProgress: (n) => {
        lastScenarioAt = performance.now();
        progress?.update(n);
      },
    });
    if (r === null) throw new Error(`mutant ${m.id} has no ${prop.layer} machine`);
    const found = r.counterexample;
    const failsOnImpl = found !== null && checkOn(prop, found.scenario, referenceOf(m))?.violation !== null;
    const cx = failsOnImpl ? null : found;
    const cell: CellResult = {
      property: prop.id,
      target,
      budget,
      runs: r.runs,
      killed: cx !== null,
      failsOnImpl,
      scenariosToFailure: cx?.scenariosToFailure ?? null,
      timeToFailureMs: cx === null ? null : Math.round(lastScenarioAt - propStart),
      shrunkLength: cx?.scenario.ops.length ?? null,
      timeMs: r.timeMs,
      counterexample: cx === null ? null : { trace: cx.scenario.ops.map((op) => dipcOpToString(op)), violation: cx.violation },
    };
    cells.push(cell);
    if (cx !== null && first === null)
      first = {
        prop: prop.id,
        timeToFailureMs: Math.round(lastScenarioAt - started),
        scenariosToFailure: scenariosBefore + cx.scenariosToFailure,
        shrunkLength: cx.scenario.ops.length,
      };
    if (first === null) scenariosBefore += r.runs;
    progress?.stop(
      `${s.label ?? ''}${m.id} × ${prop.id}${target ? ' (target)' : ''}: ${
        failsOnImpl ? `fails, but its minimised trace fails on the impl too: not a kill` : cx === null ? `survived ${r.runs} scenarios` : `killed after ${cx.scenariosToFailure} scenarios (${cell.timeToFailureMs} ms), trace ${cell.shrunkLength} ops`
      }`,
    );
  }
  const killedBy = cells.filter((c) => c.killed).map((c) => c.property);
  return {
    id: m.id,
    layer: m.kind === 'design' ? 'design' : m.layer,
    description: m.description,
    targets: m.targets,
    killed: killedBy.length > 0,
    killedBy,
    killedByOracle: killedBy.some(isOracle),
    firstKilledBy: first?.prop ?? null,
    timeToFailureMs: first?.timeToFailureMs ?? null,
    scenariosToFailure: first?.scenariosToFailure ?? null,
    shrunkLength: first?.shrunkLength ?? null,
    targetsMissed: m.targets.filter((id) => !killedBy.includes(id)),
    timeMs: Math.round(performance.now() - started),
    properties: cells,
  };
};

/** The columns of a matrix table: a layer's properties, or the design properties. */
const propertiesOfRowLayer = (layer: string): readonly AnyProperty[] => (layer === 'design' ? DESIGN_PROPERTIES : PROPERTIES.filter((p) => p.layer === layer));

const BORDERLESS = {
  chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
  style: { 'padding-left': 0, 'padding-right': 0, head: [], border: [] },
};

/**
 * The kill matrix, one table per layer: a row per mutant, a column per property of the
 * layer (numbered, with a legend, when the ids would not fit), then the first failure.
 */
/** Not a model-hygiene property (REF, DET, TOTAL, any layer): one that states a guarantee. */
export const isOracle = (id: string): boolean => !/^(REF|DET|TOTAL)(\.|$)/.test(id);

export const killMatrix = (results: readonly MutantResult[]): string => {
  const out: string[] = [];
  for (const layer of ['codoms', 'dipc', 'design'] as const) {
    const rows = results.filter((r) => r.layer === layer);
    if (rows.length === 0) continue;
    const props = propertiesOfRowLayer(layer).map((p) => p.id);
    const numbered = props.reduce((a, id) => a + id.length + 2, 0) > 60;
    const heads = props.map((id, i) => (numbered ? String(i + 1) : id));
    const table = new Table({
      ...BORDERLESS,
      head: ['mutant', ...heads, 'first failure', 'scenarios', 'trace', 'by', 'oracle'],
      colAligns: ['left', ...props.map(() => 'center' as const), 'right', 'right', 'right', 'left', 'center'],
    });
    for (const r of rows) {
      const cell = (id: string): string => {
        const c = r.properties.find((x) => x.property === id);
        if (c === undefined) return '';
        const mark = c.killed ? 'x' : c.failsOnImpl ? '!' : '·';
        if (!c.target) return mark;
        return c.killed ? `[${mark}]` : pc.red(`[${mark}]`);
      };
      table.push([
        r.killed ? r.id : pc.red(r.id),
        ...props.map(cell),
        r.timeToFailureMs === null ? pc.red('survived') : `${r.timeToFailureMs} ms`,
        r.scenariosToFailure ?? '-',
        r.shrunkLength ?? '-',
        r.firstKilledBy ?? '-',
        r.killedByOracle ? 'yes' : r.killed ? pc.yellow('REF only') : '-',
      ]);
    }
    out.push(`${layer === 'codoms' ? 'CODOMs' : layer === 'dipc' ? 'dIPC' : 'Design'} mutants`, table.toString());
    if (numbered) out.push(`  ${props.map((id, i) => `${i + 1} ${id}`).join('  ')}`);
    out.push('');
  }
  out.push(
    `x killed   · not killed within the budget   ! fails on the impl too (not a kill)   [ ] a declared target${results.some((r) => r.layer === 'design') ? '\ndesign mutants: ! fails on the spec too (not a kill); REF, DET and TOTAL do not run (the flawed design is its own reference)' : ''}`,
    "first failure, scenarios: from the mutant's start (targets run first) to its first failing scenario; trace: that failure's minimised length",
    'oracle: killed by a property other than REF, DET and TOTAL (the guarantee itself noticed the bug)',
  );
  return out.join('\n');
};

/** What a surviving mutant survived: exactly the properties that ran against it, with their budgets. */
export const survivalText = (r: MutantResult, runs: number, otherRuns: number): string => {
  const targets = r.properties.filter((c) => c.target).length;
  const others = r.properties.filter((c) => !c.target).length;
  const layerSize = propertiesOfRowLayer(r.layer).length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (others === 0)
    return `survives its ${plural(targets, 'declared target')} (${runs} scenarios each); the other ${layerSize - targets} properties of its layer did not run (--other-runs ${otherRuns})`;
  return `survives every property of its layer: its ${plural(targets, 'declared target')} at ${runs} scenarios each, the other ${others} at ${otherRuns}`;
};

/** Where the report goes and in which format: --json is --format json. */
const formatOf = (opts: MutantsOptions): MutantsFormat => (opts.json ? 'json' : opts.format ?? 'matrix');

export const runMutants = (opts: MutantsOptions): number => {
  const format = formatOf(opts);
  if (opts.json && opts.format !== undefined && opts.format !== 'matrix' && opts.format !== 'json') throw new UsageError(`--json: conflicts with --format ${opts.format}`);
  if (opts.out !== undefined && format !== 'stryker' && format !== 'html') throw new UsageError('--out: only with --format stryker or html');
  const reportOut: OutputTarget | null = opts.out === undefined ? null : { flag: '--out', path: opts.out, kind: 'file', stdoutAllowed: true };
  preflightOutputs([reportOut]);
  const design = opts.design === true;
  const pool = design ? DESIGN_MUTANTS : EVERY_MUTANT;
  const unknown = opts.onlyMutant.filter((id) => !pool.some((m) => m.id === id));
  if (unknown.length > 0) throw new UsageError(`--only-mutant: unknown ${design ? 'design ' : ''}mutant ${unknown.join(', ')} (known: ${pool.map((m) => m.id).join(' ')})`);
  const mutants = opts.onlyMutant.length === 0 ? pool : pool.filter((m) => opts.onlyMutant.includes(m.id));
  const otherRuns = Math.min(opts.runs, opts.otherRuns);
  const header = design
    ? `dipc-spec mutants --design: seed ${opts.seed}, ${mutants.length} design mutants; targets up to ${opts.runs} scenarios, the other design properties up to ${otherRuns} (REF, DET and TOTAL do not count); each stops at its first failure`
    : `dipc-spec mutants: seed ${opts.seed}, ${mutants.length} mutants; targets up to ${opts.runs} scenarios, the rest of the layer up to ${otherRuns}; each stops at its first failure`;
  // With --json (or --format json, stryker, html), stdout holds the report alone: everything else goes to stderr.
  if (format !== 'matrix') process.stderr.write(`${header}\n`);
  else console.log(header);
  const started = performance.now();
  const results = mutants.map((m, i) => runMutant(m, { seed: opts.seed, runs: opts.runs, otherRuns, progress: true, label: `[${i + 1}/${mutants.length}] ` }));
  const timeMs = Math.round(performance.now() - started);
  const survivors = results.filter((r) => !r.killed);
  const killedTimes = results.filter((r) => r.timeToFailureMs !== null);
  const slowest = killedTimes.reduce<MutantResult | null>((a, r) => (a === null || (r.timeToFailureMs ?? 0) > (a.timeToFailureMs ?? 0) ? r : a), null);
  const missed = results.filter((r) => r.targetsMissed.length > 0);
  const brokenProps = [...new Set(results.flatMap((r) => r.properties.filter((c) => c.failsOnImpl).map((c) => c.property)))];
  const summary = [
    `${results.length - survivors.length} of ${results.length} mutants killed in ${(timeMs / 1000).toFixed(1)} s${
      slowest === null ? '' : `; slowest to a first failure: ${slowest.id} (${slowest.timeToFailureMs} ms, ${slowest.scenariosToFailure} scenarios, by ${slowest.firstKilledBy})`
    }`,
    ...survivors.map((r) => pc.red(`✗ ${r.id} ${survivalText(r, opts.runs, otherRuns)}`)),
    ...(brokenProps.length === 0 ? [] : [pc.yellow(`! ${brokenProps.join(' ')}: fail on the ${design ? 'spec' : 'impl'} too; their failures are not counted as kills`)]),
    ...missed.map((r) => pc.yellow(`! ${r.id}: declared target${r.targetsMissed.length > 1 ? 's' : ''} ${r.targetsMissed.join(' ')} did not kill it`)),
  ].join('\n');
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ seed: opts.seed, runs: opts.runs, otherRuns, timeMs, mutants: results }, null, 2)}\n`);
    process.stderr.write(`${summary}\n`);
  } else if (format === 'stryker' || format === 'html') {
    const report = strykerReport(results, { seed: opts.seed, runs: opts.runs, otherRuns, timeMs });
    const text = format === 'stryker' ? `${JSON.stringify(report, null, 2)}\n` : strykerHtml(report, `dipc-spec mutants (seed ${opts.seed})`);
    if (reportOut === null) process.stdout.write(text);
    else if (!writeOutput(reportOut, text)) return OUTPUT_NOT_WRITTEN_EXIT;
    process.stderr.write(`${summary}\n${opts.out === undefined || opts.out === '-' ? '' : `report in ${opts.out}\n`}`);
  } else {
    console.log(killMatrix(results));
    console.log(summary);
  }
  return survivors.length === 0 ? 0 : 1;
};
