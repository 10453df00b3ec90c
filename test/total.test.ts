// TOTAL at scale: 100,000 random ops, malformed indices and non-ops included, make neither
// the spec nor the impl throw.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CODOMS_BOUNDS } from '../gen/bounds';
import { wildScenarioArb } from '../gen/scenario';
import { implFactory } from '../refinement/impl-machine';
import { initialState } from '../spec/state/machine';
import { step } from '../spec/transitions/step';
import { TEST_SEED } from './budget';

describe(`TOTAL at scale (seed ${TEST_SEED})`, () => {
  test('TOTAL: 100,000 wild ops make neither spec nor impl throw', () => {
    let ops = 0;
    let round = 0;
    while (ops < 100_000) {
      for (const sc of fc.sample(wildScenarioArb(CODOMS_BOUNDS, 200), { seed: TEST_SEED + round, numRuns: 100 })) {
        let s = initialState(sc.config);
        const m = implFactory.create(sc.config);
        for (const op of sc.ops) {
          expect(() => {
            s = step(s, op).state;
          }).not.toThrow();
          expect(() => m.step(op)).not.toThrow();
          ops++;
        }
      }
      round++;
    }
    expect(ops).toBeGreaterThanOrEqual(100_000);
  });
});
