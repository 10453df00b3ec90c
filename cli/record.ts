// `dipc-spec record-mutants`: for every mutant and each property it targets, find a failure,
// minimise it and store it in the corpus with its recorded outcomes (fails on the mutant,
// holds on the impl), so the test suite replays it forever.
import { FINDINGS, propertyById } from '../properties/catalogue';
import { checkOn, DESIGN_MUTANTS, EVERY_MUTANT, runOn } from '../machines/registry';
import { UsageError } from './options';
import { preflightOutputs } from './output-paths';
import { failureBlock, writeCounterexampleFor } from './report';


/** Scenarios tried per mutant before it counts as surviving. */
export const MUTANT_BUDGET = 3000;

/**
 * Scenarios a design mutant's target gets: `dipc-spec check`'s default. A design flaw must be
 * caught at the budget users run (issue 12 §3), never by raising it for the mutant's sake.
 */
export const DESIGN_MUTANT_BUDGET = 1000;

/**
 * With `design`, the design mutants (mutants/design/): each target's trace is found within
 * check's default budget and recorded as failing on the mutant and passing on the spec (the
 * design without the flaw), stored where impl mutants' are.
 */
export const runRecordMutants = (seed: number, outDir: string, only: readonly string[] = [], design = false): number => {
  const pool = design ? DESIGN_MUTANTS : EVERY_MUTANT;
  const unknown = only.filter((id) => !pool.some((m) => m.id === id));
  if (unknown.length > 0) throw new UsageError(`--only: unknown ${design ? 'design ' : ''}mutant ${unknown.join(', ')} (see dipc-spec list)`);
  preflightOutputs([{ flag: '--out-dir', path: outDir, kind: 'folder' }]);
  let survivors = 0;
  const chosen = pool.filter((m) => only.length === 0 || only.includes(m.id));
  const reference = design ? 'spec' : 'impl';
  for (const m of chosen) {
    for (const id of m.targets) {
      const prop = propertyById(id);
      if (prop === undefined || prop.layer !== m.layer) {
        console.log(`${m.id}: unknown target property ${id}`);
        survivors++;
        continue;
      }
      const r = runOn(prop, m.id, { seed, numRuns: design ? DESIGN_MUTANT_BUDGET : MUTANT_BUDGET });
      if (r === null || r.counterexample === null) {
        console.log(`✗ ${m.id} survives ${id} (${r?.runs ?? 0} scenarios)`);
        survivors++;
        continue;
      }
      const stillHoldsOnReference = checkOn(prop, r.counterexample.scenario, reference)?.violation === null;
      const file = writeCounterexampleFor(outDir, r, m.id, `${design ? 'design mutant' : 'mutant'} ${m.id}: ${m.description}`, {
        [m.id]: 'fail',
        ...(stillHoldsOnReference ? { [reference]: 'pass' as const } : {}),
      });
      console.log(failureBlock(r, file));
    }
  }
  console.log(`${chosen.length - survivors} mutants killed, ${survivors} survived`);
  return survivors === 0 ? 0 : 1;
};

/** Scenarios tried per finding before giving up (a finding not reproduced is reported, not hidden). */
export const FINDING_BUDGET = 3000;
/** Seeds tried per finding (seed, seed + 1, ...). */
export const FINDING_SEEDS = 3;

/**
 * `dipc-spec record-findings`: for every guarantee with a condition dropped (FINDINGS in
 * properties/catalogue.ts), find a trace on the impl that breaks it, minimise it and store
 * it as counterexamples/<id>~<dropped>/finding.json, failing on the impl and the spec alike:
 * the proof that the condition is needed.
 */
export const runRecordFindings = (seed: number, outDir: string, only: readonly string[] = []): number => {
  const unknown = only.filter((id) => !FINDINGS.some((f) => f.id === id));
  if (unknown.length > 0) throw new UsageError(`--only: unknown finding ${unknown.join(', ')} (see dipc-spec list)`);
  preflightOutputs([{ flag: '--out-dir', path: outDir, kind: 'folder' }]);
  let missing = 0;
  const chosen = FINDINGS.filter((f) => only.length === 0 || only.includes(f.id));
  for (const f of chosen) {
    // A rare finding may need more than one seed: try a few, in order (deterministic).
    let r = runOn(f, 'impl', { seed, numRuns: FINDING_BUDGET });
    for (let k = 1; k < FINDING_SEEDS && r !== null && r.counterexample === null; k++) r = runOn(f, 'impl', { seed: seed + k, numRuns: FINDING_BUDGET });
    if (r === null || r.counterexample === null) {
      console.log(`✗ ${f.id}: no trace in ${FINDING_SEEDS} × ${FINDING_BUDGET} scenarios (${f.note})`);
      missing++;
      continue;
    }
    const onSpec = checkOn(f, r.counterexample.scenario, 'spec')?.violation === null ? 'pass' : 'fail';
    const file = writeCounterexampleFor(outDir, r, 'finding', `finding: ${f.note}`, { impl: 'fail', spec: onSpec });
    console.log(failureBlock(r, file));
  }
  console.log(`${chosen.length - missing} findings recorded, ${missing} not reproduced`);
  return missing === 0 ? 0 : 1;
};
