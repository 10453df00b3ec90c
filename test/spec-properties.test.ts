// The properties are statements about any machine; the spec must satisfy them too (a
// property the spec breaks is a wrong property or a wrong spec).
import { describe, expect, test } from 'vitest';
import { failureBlock } from '../cli/report';
import { PROPERTIES } from '../properties/catalogue';
import { runOn } from '../refinement/registry';
import { SPEC_PROPERTY_RUNS, TEST_SEED } from './budget';

describe(`properties on the spec itself (seed ${TEST_SEED})`, () => {
  for (const prop of PROPERTIES.filter((p) => !p.id.startsWith('REF'))) {
    test(`${prop.id} holds on the spec`, () => {
      const r = runOn(prop, 'spec', { seed: TEST_SEED + 1, numRuns: SPEC_PROPERTY_RUNS });
      if (r === null) throw new Error('no spec machine');
      expect(r.result, r.result === 'fail' ? failureBlock(r, null) : '').toBe('pass');
    });
  }
});
