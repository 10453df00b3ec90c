// The counterexample file (DESIGN §8): a minimised failing trace that replays with one
// command and stays in counterexamples/<property>/<name>.json as a regression test.
import * as t from 'io-ts';
import { ConfigC } from '../alphabet/config';
import { OpC } from '../alphabet/ops';

export const SCHEMA_VERSION = 1;

export const CounterexampleFileC = t.type({
  schemaVersion: t.literal(SCHEMA_VERSION),
  property: t.string,
  name: t.string,
  /** The machine the failure was found on: 'impl', 'spec' or a mutant id. */
  machine: t.string,
  seed: t.number,
  path: t.string,
  config: ConfigC,
  trace: t.array(OpC),
  /** Index of the op at which the property broke on `machine`. */
  failingStep: t.number,
  expected: t.string,
  observed: t.string,
  note: t.string,
  /** The recorded expectation per machine: replay checks each one still holds. */
  outcomes: t.record(t.string, t.keyof({ fail: null, pass: null })),
});
export type CounterexampleFile = t.TypeOf<typeof CounterexampleFileC>;
