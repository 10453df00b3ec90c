// Honest tests: every property is shown to fail. Each mutant (a deliberately broken impl)
// must be killed by each property it targets within the budget, and its minimised
// counterexample must be stored in the corpus, at most 8 ops long.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR, counterexamplePath, readCounterexample } from '../counterexamples/store';
import { PROPERTIES, propertyById } from '../properties/catalogue';
import { EVERY_MUTANT, runOn } from '../machines/registry';
import { MAX_MUTANT_TRACE, MUTANT_RUNS, TEST_SEED } from './budget';

describe(`mutants (seed ${TEST_SEED})`, () => {
  for (const m of EVERY_MUTANT) {
    for (const id of m.targets) {
      test(`${id} kills ${m.id}`, () => {
        const prop = propertyById(id);
        expect(prop?.layer, `unknown property ${id} for the ${m.layer} layer`).toBe(m.layer);
        if (prop === undefined) return;
        // Only the kill is checked here (no shrinking): the minimal trace is the stored one, checked below.
        const r = runOn(prop, m.id, { seed: TEST_SEED, numRuns: MUTANT_RUNS, shrink: false });
        expect(r?.result, `${m.id} survived ${r?.runs} scenarios of ${id}`).toBe('fail');
        console.log(`${id} kills ${m.id} after ${r?.counterexample?.scenariosToFailure} scenarios`);
      });

      test(`${id}/${m.id} counterexample is stored, at most ${MAX_MUTANT_TRACE} ops`, () => {
        const file = counterexamplePath(CORPUS_DIR, id, m.id);
        expect(existsSync(file), `${file} missing: run npm run mutants:record`).toBe(true);
        const cx = readCounterexample(file);
        if (E.isLeft(cx)) throw new Error(cx.left);
        expect(cx.right.trace.length).toBeLessThanOrEqual(MAX_MUTANT_TRACE);
        expect(cx.right.outcomes[m.id]).toBe('fail');
      });
    }
  }

  test('every property is the target of at least one mutant', () => {
    const targeted = new Set(EVERY_MUTANT.flatMap((m) => m.targets));
    for (const p of PROPERTIES) expect(targeted.has(p.id), `${p.id} has no mutant`).toBe(true);
  });
});
