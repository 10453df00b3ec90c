// The properties are statements about any machine; the spec must satisfy them too (a
// property the spec breaks is a wrong property or a wrong spec).
import { describe, expect, test } from 'vitest';
import { failureBlock } from '../cli/report';
import { PROPERTIES, SECURITY_PROPERTIES } from '../properties/catalogue';
import { runOn } from '../machines/registry';
import { SPEC_PROPERTY_RUNS, SPEC_SECURITY_RUNS, TEST_SEED } from './budget';

describe(`properties on the spec itself (seed ${TEST_SEED})`, () => {
  for (const prop of PROPERTIES.filter((p) => !p.id.startsWith('REF'))) {
    test(`${prop.id} holds on the spec`, () => {
      const numRuns = SECURITY_PROPERTIES.includes(prop) ? SPEC_SECURITY_RUNS : SPEC_PROPERTY_RUNS;
      const r = runOn(prop, 'spec', { seed: TEST_SEED + 1, numRuns });
      if (r === null) throw new Error('no spec machine');
      expect(r.result, r.result === 'fail' ? failureBlock(r, null) : '').toBe('pass');
    });
  }
});
