// The counterexample file (DESIGN §8): a minimised failing trace that replays with one
// command and stays in counterexamples/<property>/<name>.json as a regression test.
import * as t from 'io-ts';
import { ConfigC } from '../alphabet/config';
import { DipcConfigC } from '../alphabet/dipc-config';
import { DipcOpC } from '../alphabet/dipc-ops';

export const SCHEMA_VERSION = 1;

const LayerC = t.keyof({ codoms: null, dipc: null }, 'layer');

export const CounterexampleFileC = t.intersection([
  t.type({
  schemaVersion: t.literal(SCHEMA_VERSION),
  property: t.string,
  name: t.string,
  /** The machine the failure was found on: 'impl', 'spec' or a mutant id. */
  machine: t.string,
  seed: t.number,
  path: t.string,
  /** A CODOMs Config or a DipcConfig, by `layer`. */
  config: t.union([ConfigC, DipcConfigC]),
  /** CODOMs ops, or dIPC ops (a superset). */
  trace: t.array(DipcOpC),
  /** Index of the op at which the property broke on `machine`. */
  failingStep: t.number,
  expected: t.string,
  observed: t.string,
  note: t.string,
  /** The recorded expectation per machine: replay checks each one still holds. */
  outcomes: t.record(t.string, t.keyof({ fail: null, pass: null })),
  }),
  /** Which machine the trace runs on; absent means the CODOMs machine (files of issue 2). */
  t.partial({ layer: LayerC }),
]);
export type CounterexampleFile = t.TypeOf<typeof CounterexampleFileC>;
