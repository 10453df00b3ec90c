// Design mutants (issue 12 §3): flaws of the design, each a variant of the spec. Every one is
// killed by a property that is an oracle (never REF, DET or TOTAL: a variant of the spec is
// its own reference) at `dipc-spec check`'s default budget, and its 1-minimal trace is stored
// in the corpus, still failing on the mutant and passing on the spec.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DESIGN_MUTANT_BUDGET } from '../cli/record';
import { DESIGN_PROPERTIES, NOT_FOR_DESIGN } from '../cli/mutants';
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
