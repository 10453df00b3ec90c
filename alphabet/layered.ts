// A config and a trace, decoded by the layer a file names (docs/trace-files.md "Layer"):
// "codoms" decodes a CODOMs config (§4) and CODOMs ops, "dipc" a dIPC config (§5-§6) and
// dIPC ops. One rule fills in a missing `layer`: a file without it is a CODOMs file (the
// format before the dIPC layer existed). The layer picks the codec; a config is never tried
// against both, so an error names the field that is wrong for the layer named.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { oneOf } from './codec';
import { type Config, ConfigC } from './config';
import { decodeWith } from './decode';
import { type DipcConfig, DipcConfigC } from './dipc-config';
import { type DipcOp, DipcOpC } from './dipc-ops';
import { OpC } from './ops';

export const LAYERS = ['codoms', 'dipc'] as const;
export type LayerName = (typeof LAYERS)[number];
export const LayerC = oneOf(LAYERS);
/** The layer of a file that names none. */
export const DEFAULT_LAYER: LayerName = 'codoms';

/** The longest trace a file may hold (a 10^7-op file is already about a gigabyte of JSON). */
export const MAX_TRACE_OPS = 10_000_000;

export interface LayeredScenario {
  readonly layer: LayerName;
  readonly config: Config | DipcConfig;
  readonly trace: DipcOp[];
}

const configCodec = (layer: LayerName): t.Type<Config | DipcConfig, unknown, unknown> =>
  (layer === 'dipc' ? DipcConfigC : ConfigC) as t.Type<Config | DipcConfig, unknown, unknown>;

const looksLikeDipc = (config: unknown): boolean => typeof config === 'object' && config !== null && 'processes' in config;

/**
 * Decode `config` and `trace` (found at `$.config`, `$.trace`) for `layer`. `named` says
 * whether the file named the layer: if it did not and the config does not decode, the error
 * says which rule chose the layer.
 */
export const decodeLayered = (layer: LayerName, named: boolean, config: unknown, trace: unknown): E.Either<string, LayeredScenario> => {
  const cfg = decodeWith(configCodec(layer), config, '$.config');
  if (E.isLeft(cfg)) {
    if (!named && looksLikeDipc(config)) return E.left('$.layer: missing, so the file is read as CODOMs, but its config has "processes" (a dIPC system): add "layer": "dipc"');
    return cfg;
  }
  if (!Array.isArray(trace)) return E.left(`$.trace: expected a list of ops, got ${trace === undefined ? 'nothing (the field is missing)' : typeof trace === 'object' && trace !== null ? 'an object' : JSON.stringify(trace)}`);
  if (trace.length > MAX_TRACE_OPS) return E.left(`$.trace: expected at most ${MAX_TRACE_OPS} ops, got ${trace.length}`);
  const opCodec = (layer === 'dipc' ? DipcOpC : OpC) as t.Type<DipcOp, unknown, unknown>;
  // Op by op (not one io-ts array), so a long trace builds no error list and stops at the first bad op.
  for (let i = 0; i < trace.length; i++) {
    if (E.isLeft(opCodec.decode(trace[i]))) return decodeWith(opCodec, trace[i], `$.trace[${i}]`) as E.Either<string, never>;
  }
  return E.right({ layer, config: cfg.right, trace: trace as DipcOp[] });
};
