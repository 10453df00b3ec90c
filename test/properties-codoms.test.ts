// Every CODOMs-layer property holds on the shipped impl over generated scenarios.
import { describe, expect, test } from 'vitest';
import { formatStats } from '../properties/stats';
import { PROPERTY_RUNS, TEST_SEED } from './budget';
import { PROPERTIES } from '../properties/catalogue';
import { implReport, propertyTestsFor } from './support/impl-reports';

describe(`CODOMs properties on impl (seed ${TEST_SEED})`, () => {
  propertyTestsFor(PROPERTIES.filter((p) => p.layer === 'codoms'), PROPERTY_RUNS, test);

  // A generator that never reaches the interesting cases would let the properties pass
  // vacuously: every op kind must both succeed and fault in a run (except the ones whose
  // only fault is an unrunnable ip, and `fault`, which always faults).
  test('generator coverage (CODOMs): every op kind succeeds and faults', () => {
    const r = implReport('C1', PROPERTY_RUNS);
    console.log(['op outcomes:', ...formatStats(r.stats)].join('\n  '));
    const neverFault = new Set(['schedule', 'li', 'mov', 'cap_clear']);
    for (const [name, c] of Object.entries(r.stats)) {
      if (name !== 'fault') expect(c.ok, `${name} never succeeded`).toBeGreaterThan(5);
      if (!neverFault.has(name)) expect(c.fault, `${name} never faulted`).toBeGreaterThan(0);
    }
  });
});
