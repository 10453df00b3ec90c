// Every property of the catalogue holds on the shipped impl over generated scenarios.
import { describe, expect, test } from 'vitest';
import { PROPERTIES } from '../properties/catalogue';
import { runProperty } from '../properties/runner';
import { formatStats } from '../properties/stats';
import { implFactory } from '../refinement/impl-machine';
import { failureBlock } from '../cli/report';
import { PROPERTY_RUNS, TEST_SEED } from './budget';

describe(`properties on impl (seed ${TEST_SEED})`, () => {
  for (const prop of PROPERTIES) {
    test(`${prop.id}: ${prop.title}`, () => {
      const r = runProperty(prop, { seed: TEST_SEED, numRuns: PROPERTY_RUNS, factory: implFactory });
      console.log(`${prop.id}: seed ${r.seed}, ${r.runs} scenarios, ${r.ops} ops, ${r.timeMs} ms`);
      expect(r.result, r.result === 'fail' ? failureBlock(r, null) : '').toBe('pass');
      expect(r.runs).toBe(PROPERTY_RUNS);
    });
  }

  // A generator that never reaches the interesting cases would let the properties pass
  // vacuously: every op kind must both succeed and fault in a run (except the ones whose
  // only fault is an unrunnable ip, and `fault`, which always faults).
  test('generator coverage: every op kind succeeds and faults', () => {
    const prop = PROPERTIES.find((p) => p.id === 'C1');
    if (prop === undefined) throw new Error('C1 missing');
    const r = runProperty(prop, { seed: TEST_SEED, numRuns: PROPERTY_RUNS, factory: implFactory });
    console.log(['op outcomes:', ...formatStats(r.stats)].join('\n  '));
    const neverFault = new Set(['schedule', 'li', 'mov', 'cap_clear']);
    for (const [name, c] of Object.entries(r.stats)) {
      if (name !== 'fault') expect(c.ok, `${name} never succeeded`).toBeGreaterThan(5);
      if (!neverFault.has(name)) expect(c.fault, `${name} never faulted`).toBeGreaterThan(0);
    }
  });
});
