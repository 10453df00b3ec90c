// The counterexample file (DESIGN §8): a minimised failing trace that replays with one
// command and stays in counterexamples/<property>/<name>.json as a regression test.
// Decoded in stages (docs/trace-files.md): the envelope with its exact fields, then the
// config and the trace by the layer the file names (alphabet/layered.ts), then the checks
// across fields (the failing step is a step of the trace; at least one outcome).
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { exact, refine, Str } from '../alphabet/codec';
import type { Config } from '../alphabet/config';
import { decodeWith } from '../alphabet/decode';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { intIn } from '../alphabet/int';
import { DEFAULT_LAYER, decodeLayered, LayerC, type LayerName } from '../alphabet/layered';

export const SCHEMA_VERSION = 1;

export type Outcome = 'fail' | 'pass';

export interface CounterexampleFile {
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly property: string;
  readonly name: string;
  /** The machine the failure was found on: 'impl', 'spec' or a mutant id. */
  readonly machine: string;
  readonly seed: number;
  readonly path: string;
  /** Which machine the trace runs on; absent means the CODOMs machine (the one rule, docs/trace-files.md). */
  readonly layer?: LayerName;
  /** A CODOMs Config or a DipcConfig, by `layer`. */
  readonly config: Config | DipcConfig;
  /** CODOMs ops, or dIPC ops (a superset), by `layer`. */
  readonly trace: DipcOp[];
  /** Index of the op at which the property broke on `machine` (-1: at boot, or no failure recorded). */
  readonly failingStep: number;
  readonly expected: string;
  readonly observed: string;
  readonly note: string;
  /** The recorded expectation per machine: replay checks each one still holds. */
  readonly outcomes: Readonly<Record<string, Outcome>>;
}

/** The seeds `check --seed` takes, and so the seeds a file can record. */
export const FileSeedC = intIn(0, 2 ** 31 - 1);

const OutcomesC = refine(
  t.record(Str, t.keyof({ fail: null, pass: null }, '"fail" or "pass"'), 'an object of outcomes ({ "impl": "pass", ... })'),
  (o) => (Object.keys(o).length === 0 ? 'expected at least one machine\'s outcome ({ "impl": "pass", ... }), got an empty object' : null),
);

/** Every field but config and trace, which are decoded by layer after it. */
const EnvelopeC = exact(
  'a counterexample file',
  {
    schemaVersion: t.literal(SCHEMA_VERSION, `schema version ${SCHEMA_VERSION}`),
    property: Str,
    name: Str,
    machine: Str,
    seed: FileSeedC,
    path: Str,
    config: t.unknown,
    trace: t.unknown,
    failingStep: intIn(-1, 10_000_000),
    expected: Str,
    observed: Str,
    note: Str,
    outcomes: OutcomesC,
  },
  { layer: LayerC },
);

const LAYER_NAME = { codoms: 'CODOMs', dipc: 'dIPC' } as const;

/**
 * Decode a parsed counterexample file; Left is one line naming the JSON path of the first
 * bad field. `layerOf` gives the layer of a property id (the catalogue's, which this module
 * sits below): a file whose layer is not its property's is refused at `$.layer`, before
 * its config is read as the wrong layer's.
 */
export const decodeCounterexample = (raw: unknown, layerOf: (property: string) => LayerName | undefined = () => undefined): E.Either<string, CounterexampleFile> => {
  const env = decodeWith(EnvelopeC, raw);
  if (E.isLeft(env)) return env;
  const e = env.right;
  const want = layerOf(e.property);
  if (want !== undefined && want !== (e.layer ?? DEFAULT_LAYER))
    return E.left(`$.layer: expected "${want}" (${e.property} is a ${LAYER_NAME[want]} property), got ${e.layer === undefined ? 'nothing (a file without "layer" is CODOMs)' : `"${e.layer}"`}`);
  const sc = decodeLayered(e.layer ?? DEFAULT_LAYER, e.layer !== undefined, e.config, e.trace);
  if (E.isLeft(sc)) return sc;
  const steps = sc.right.trace.length;
  if (e.failingStep >= steps)
    return E.left(`$.failingStep: expected a step of the trace (-1 to ${steps - 1}), got ${e.failingStep}`);
  return E.right({ ...e, config: sc.right.config, trace: sc.right.trace } as CounterexampleFile);
};
