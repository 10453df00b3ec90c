// gen/opening.ts: swarm's opening arbitrary draws from its first arbitrary in runs 0-8 and
// from the second after, the same in every run of a seed, and shrinks a value with the
// arbitrary that made it.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Opening } from '../gen/opening';
import { TEST_SEED } from './budget';

describe('Opening', () => {
  test('runs 0-8 come from the opening, the rest from the other arbitrary, at every seed', () => {
    for (const seed of [TEST_SEED, 1, 7]) {
      const seen: string[] = [];
      fc.assert(fc.property(new Opening(fc.constant('opening'), fc.constant('rest')), (v) => { seen.push(v); }), { seed, numRuns: 40 });
      expect(seen.slice(0, 9)).toEqual(Array(9).fill('opening'));
      expect(seen.slice(9)).toEqual(Array(31).fill('rest'));
    }
  });

  test('a failure is shrunk by the arbitrary that made it', () => {
    // The opening makes multiples of 1000 above 5000, the rest small numbers: a failure in the
    // opening must shrink to the opening's least failing value, not leave its range.
    const arb = new Opening(fc.integer({ min: 5, max: 50 }).map((k) => k * 1000, (v) => (v as number) / 1000), fc.integer({ min: 0, max: 10 }));
    const r = fc.check(fc.property(arb, (v) => v < 7000), { seed: TEST_SEED, numRuns: 9 });
    expect(r.failed).toBe(true);
    expect(r.counterexample?.[0]).toBe(7000);
  });
});
