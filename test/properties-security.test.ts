// The security suites (issue 5): P1-P5, the argument guarantees and accounting hold on the
// shipped impl over scenarios with honest and adversarial processes, each meeting its
// coverage gate (a run below it fails as "generator coverage too low").
import { describe, test } from 'vitest';
import { SECURITY_PROPERTIES } from '../properties/catalogue';
import { SECURITY_RUNS, TEST_SEED } from './budget';
import { propertyTestsFor } from './support/impl-reports';

describe(`security properties on impl (seed ${TEST_SEED})`, () => {
  propertyTestsFor(SECURITY_PROPERTIES, SECURITY_RUNS, test);
});
