// Design mutants (issue 12 §3): flaws of the design, each a variant of the spec. Every one is
// killed by a property that is an oracle (never REF, DET or TOTAL: a variant of the spec is
// its own reference) at `dipc-spec check`'s default budget, and its 1-minimal trace is stored
// in the corpus, still failing on the mutant and passing on the spec.
import * as E from 'fp-ts/lib/Either.js';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DESIGN_MUTANT_BUDGET } from '../cli/record';
import { DESIGN_PROPERTIES, killMatrix, mutantProperties, NOT_FOR_DESIGN, runMutant } from '../cli/mutants';
import { CORPUS_DIR, counterexamplePath, readCounterexample } from '../counterexamples/store';
import { scenarioOf } from '../counterexamples/shrink';
import { checkOn, DESIGN_MUTANTS, EVERY_MUTANT, runOn } from '../machines/registry';
import { SURVIVING_DESIGN_MUTANTS } from '../mutants/design/survivors/index';
import { propertyById } from '../properties/catalogue';
import { MAX_MUTANT_TRACE, TEST_SEED } from './budget';

describe(`design mutants (seed ${TEST_SEED}, ${DESIGN_MUTANT_BUDGET} scenarios: check's default)`, () => {
  test('at least 15, ids distinct from every impl mutant, targets among the design properties', () => {
    expect(DESIGN_MUTANTS.length).toBeGreaterThanOrEqual(15);
    const ids = [...DESIGN_MUTANTS, ...EVERY_MUTANT].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of DESIGN_MUTANTS) {
      expect(m.targets.length, `${m.id} declares no target`).toBeGreaterThan(0);
      for (const id of m.targets) {
        expect(NOT_FOR_DESIGN.has(id.split('.')[0]), `${m.id} targets ${id}`).toBe(false);
        expect(DESIGN_PROPERTIES.map((p) => p.id)).toContain(id);
      }
    }
  });

  test('the known survivors are kept apart (mutants/design/survivors), not among the mutants npm test kills', () => {
    for (const s of SURVIVING_DESIGN_MUTANTS) expect(DESIGN_MUTANTS.some((m) => m.id === s.id), s.id).toBe(false);
  });

  test('a design mutant runs on the design properties only, its targets first; its row says layer design', () => {
    const m = DESIGN_MUTANTS.find((x) => x.id === 'design-kill-keeps-pages');
    if (m === undefined) throw new Error('no design-kill-keeps-pages');
    expect(mutantProperties(m).map((x) => x.prop.id)).toEqual([...m.targets, ...DESIGN_PROPERTIES.map((p) => p.id).filter((id) => !m.targets.includes(id))]);
    const r = runMutant(m, { seed: TEST_SEED, runs: DESIGN_MUTANT_BUDGET, otherRuns: 0 });
    expect(r).toMatchObject({ id: m.id, layer: 'design', killed: true, firstKilledBy: 'UNW', targetsMissed: [] });
    expect(r.properties.map((c) => c.property)).toEqual(['UNW']);
    const matrix = killMatrix([r]);
    expect(matrix).toContain('Design mutants');
    expect(matrix).not.toMatch(/REF\.dipc|DET\.dipc|TOTAL\.dipc/);
  });

  test('dipc-spec mutants --design --json: rows with "layer": "design"; an impl mutant id is unknown there', async () => {
    const cli = (args: readonly string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['bin/dipc-spec.mjs', ...args], { timeout: 60_000 }, (err, stdout, stderr) =>
          resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr }),
        );
      });
    const ok = await cli(['mutants', '--design', '--json', '--only-mutant', 'design-proxy-keeps-current', '--other-runs', '0']);
    expect(ok.code).toBe(0);
    const json = JSON.parse(ok.stdout) as { runs: number; mutants: { id: string; layer: string; killed: boolean }[] };
    expect(json.runs).toBe(DESIGN_MUTANT_BUDGET);
    expect(json.mutants).toMatchObject([{ id: 'design-proxy-keeps-current', layer: 'design', killed: true }]);
    const bad = await cli(['mutants', '--design', '--only-mutant', 'ret-keeps-sp']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--only-mutant: unknown design mutant ret-keeps-sp');
  }, 60_000);

  for (const m of DESIGN_MUTANTS) {
    for (const id of m.targets) {
      test(`${id} kills ${m.id} within ${DESIGN_MUTANT_BUDGET} scenarios`, () => {
        const prop = propertyById(id);
        if (prop === undefined) throw new Error(`unknown property ${id}`);
        // Only the kill is checked here (no shrinking): the minimal trace is the stored one, checked below.
        const r = runOn(prop, m.id, { seed: TEST_SEED, numRuns: DESIGN_MUTANT_BUDGET, shrink: false });
        expect(r?.counterexample, `${m.id} survived ${r?.runs} scenarios of ${id}`).not.toBeNull();
        console.log(`${id} kills ${m.id} after ${r?.counterexample?.scenariosToFailure} scenarios`);
      });

      test(`${id}/${m.id}: the stored trace (at most ${MAX_MUTANT_TRACE} ops) still kills it and passes on the spec`, () => {
        const file = counterexamplePath(CORPUS_DIR, id, m.id);
        expect(existsSync(file), `${file} missing: run npx dipc-spec record-mutants --design --only ${m.id}`).toBe(true);
        const cx = readCounterexample(file);
        if (E.isLeft(cx)) throw new Error(cx.left);
        expect(cx.right.trace.length).toBeLessThanOrEqual(MAX_MUTANT_TRACE);
        expect(cx.right.outcomes).toMatchObject({ [m.id]: 'fail', spec: 'pass' });
        const prop = propertyById(id);
        if (prop === undefined) throw new Error(`unknown property ${id}`);
        const scenario = scenarioOf(cx.right);
        expect(checkOn(prop, scenario, m.id)?.violation, 'the stored trace no longer kills the mutant').not.toBeNull();
        expect(checkOn(prop, scenario, 'spec')?.violation, 'the stored trace fails on the spec too').toBeNull();
      });
    }
  }
});
