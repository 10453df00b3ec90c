// The refinement checker: the only bridge between spec and impl. It steps both on each op,
// compares outputs at every step and α(impl) with the spec state every `stride` steps.
// One checker serves every layer (refinement/layer.ts).
import { type Output, outputToString, sameOutput } from '../alphabet/output';
import type { RefinementVerdict, RefinementViolation as Violation } from './verdict';
import type { Layer, LayerMachine } from './layer';

export interface RefinementOptions {
  /** Compare whole states every `stride` steps (and after the last); outputs are compared always. */
  readonly stride: number;
}

export const threw = (e: unknown) => `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

export const checkRefinementIn = <Cfg, O, St>(
  layer: Layer<Cfg, O, St>,
  sc: { readonly config: Cfg; readonly ops: readonly O[] },
  factory: { create(cfg: Cfg): LayerMachine<O, St> },
  opts: RefinementOptions = { stride: 1 },
): RefinementVerdict => {
  const outputs: Output[] = [];
  let spec = layer.boot(sc.config);
  let m;
  try {
    m = factory.create(sc.config);
  } catch (e) {
    return { violation: { step: -1, expected: 'the machine boots', observed: threw(e) }, ops: 0, outputs };
  }
  const initialDiff = bootDiff(layer, spec, m.abstract());
  if (initialDiff !== null) return { violation: initialDiff, ops: 0, outputs };
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    const next = layer.step(spec, op);
    let out: Output;
    try {
      out = m.step(op);
    } catch (e) {
      return { violation: refinementStep(layer, i, op, next, { threw: true, error: e }), ops: i + 1, outputs };
    }
    outputs.push(out);
    spec = next.state;
    const compare = (i + 1) % opts.stride === 0 || i === sc.ops.length - 1;
    const v = refinementStep(layer, i, op, next, { threw: false, output: out, state: compare ? () => m.abstract() : null });
    if (v !== null) return { violation: v, ops: i + 1, outputs };
  }
  return { violation: null, ops: sc.ops.length, outputs };
};

/** At boot: α(impl) is the spec's initial state. */
export const bootDiff = <St>(layer: { diff(spec: St, impl: St): string | null }, spec: St, impl: St): Violation | null => {
  const d = layer.diff(spec, impl);
  return d === null ? null : { step: -1, expected: 'α(impl) = spec at boot', observed: d };
};

/**
 * One op on both sides (checkRefinementIn, and the REF.dipc session: properties/dipc/ref.ts):
 * the spec's step, and the machine's (its output and, when states are compared at this
 * step, α after it; or what it threw). null when they agree.
 */
export const refinementStep = <O, St>(
  layer: { show(op: O): string; diff(spec: St, impl: St): string | null },
  i: number,
  op: O,
  next: { readonly state: St; readonly output: Output },
  impl: { readonly threw: true; readonly error: unknown } | { readonly threw: false; readonly output: Output; readonly state: (() => St) | null },
): Violation | null => {
  if (impl.threw) return { step: i, expected: `${layer.show(op)} returns ${outputToString(next.output)}`, observed: threw(impl.error) };
  if (!sameOutput(next.output, impl.output)) return { step: i, expected: `${layer.show(op)} returns ${outputToString(next.output)}`, observed: `returned ${outputToString(impl.output)}` };
  if (impl.state === null) return null;
  const d = layer.diff(next.state, impl.state());
  return d === null ? null : { step: i, expected: `α(impl) = spec after ${layer.show(op)}`, observed: d };
};
