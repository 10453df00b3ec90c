// A trace file for `dipc-spec run` (examples/*.json): a config and a trace, with the layer
// they belong to and a note. A file with a `schemaVersion` is a counterexample file
// (format.ts) and is decoded as one; `run` takes both.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { exact, Str } from '../alphabet/codec';
import { decodeWith } from '../alphabet/decode';
import { DEFAULT_LAYER, decodeLayered, LayerC, type LayeredScenario } from '../alphabet/layered';
import { decodeCounterexample } from './format';

const TraceEnvelopeC = exact('a trace file', { config: t.unknown, trace: t.unknown }, { layer: LayerC, note: Str });

export interface TraceFile extends LayeredScenario {
  readonly note?: string;
}

export const decodeTraceFile = (raw: unknown, layerOf?: (property: string) => LayeredScenario['layer'] | undefined): E.Either<string, TraceFile> => {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'schemaVersion' in raw)
    return E.map((cx: { layer?: LayeredScenario['layer']; config: LayeredScenario['config']; trace: LayeredScenario['trace']; note: string }) => ({
      layer: cx.layer ?? DEFAULT_LAYER,
      config: cx.config,
      trace: cx.trace,
      note: cx.note,
    }))(decodeCounterexample(raw, layerOf));
  const env = decodeWith(TraceEnvelopeC, raw);
  if (E.isLeft(env)) return env;
  const { layer, note, config, trace } = env.right;
  return E.map((sc: LayeredScenario): TraceFile => (note === undefined ? sc : { ...sc, note }))(decodeLayered(layer ?? DEFAULT_LAYER, layer !== undefined, config, trace));
};
