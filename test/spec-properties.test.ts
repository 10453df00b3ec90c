// The properties are statements about any machine; the spec must satisfy them too (a
// property the spec breaks is a wrong property or a wrong spec).
import { describe, expect, test } from 'vitest';
import { PROPERTIES } from '../properties/catalogue';
import { runProperty } from '../properties/runner';
import { specFactory } from '../refinement/spec-machine';
import { failureBlock } from '../cli/report';
import { SPEC_PROPERTY_RUNS, TEST_SEED } from './budget';

describe(`properties on the spec itself (seed ${TEST_SEED})`, () => {
  for (const prop of PROPERTIES.filter((p) => p.id !== 'REF')) {
    test(`${prop.id} holds on the spec`, () => {
      const r = runProperty(prop, { seed: TEST_SEED + 1, numRuns: SPEC_PROPERTY_RUNS, factory: specFactory });
      expect(r.result, r.result === 'fail' ? failureBlock(r, null) : '').toBe('pass');
    });
  }
});
