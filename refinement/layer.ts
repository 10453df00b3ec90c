// What the generic model-hygiene checks (REF, TOTAL, DET) need to know about a layer: how
// the spec boots and steps, how an op prints, and how two abstract states differ.
import { type DipcOp, dipcOpToString } from '../alphabet/dipc-ops';
import { type Op, opToString } from '../alphabet/ops';
import type { Output } from '../alphabet/output';
import type { Config } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcState } from '../spec/state/dipc';
import { initialState, type SpecState } from '../spec/state/machine';
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep } from '../spec/transitions/dipc/step';
import { step } from '../spec/transitions/step';
import { firstDipcDifference } from './dipc-diff';
import { firstDifference } from './diff';

export interface Layer<Cfg, O, St> {
  boot(cfg: Cfg): St;
  step(s: St, op: O): { readonly state: St; readonly output: Output };
  show(op: O): string;
  /** null when equal; otherwise the first difference, `spec` side first. */
  diff(spec: St, impl: St): string | null;
}

/** A machine of a layer, as the generic checks see it. */
export interface LayerMachine<O, St> {
  step(op: O): Output;
  abstract(): St;
}

export const CODOMS_LAYER: Layer<Config, Op, SpecState> = {
  boot: initialState,
  step,
  show: opToString,
  diff: firstDifference,
};

export const DIPC_LAYER: Layer<DipcConfig, DipcOp, DipcState> = {
  boot: initialDipcState,
  step: dipcStep,
  show: dipcOpToString,
  diff: firstDipcDifference,
};
