// The refinement checker: the only bridge between spec and impl. It steps both on each op,
// compares outputs at every step and α(impl) with the spec state every `stride` steps.
// One checker serves every layer (refinement/layer.ts).
import { type Output, outputToString, sameOutput } from '../alphabet/output';
import type { RefinementVerdict } from './verdict';
import type { Layer, LayerMachine } from './layer';

export interface RefinementOptions {
  /** Compare whole states every `stride` steps (and after the last); outputs are compared always. */
  readonly stride: number;
}

const threw = (e: unknown) => `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

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
  const initialDiff = layer.diff(spec, m.abstract());
  if (initialDiff !== null) return { violation: { step: -1, expected: 'α(impl) = spec at boot', observed: initialDiff }, ops: 0, outputs };
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    const next = layer.step(spec, op);
    let out: Output;
    try {
      out = m.step(op);
    } catch (e) {
      return { violation: { step: i, expected: `${layer.show(op)} returns ${outputToString(next.output)}`, observed: threw(e) }, ops: i + 1, outputs };
    }
    outputs.push(out);
    spec = next.state;
    if (!sameOutput(next.output, out)) {
      return {
        violation: { step: i, expected: `${layer.show(op)} returns ${outputToString(next.output)}`, observed: `returned ${outputToString(out)}` },
        ops: i + 1,
        outputs,
      };
    }
    if ((i + 1) % opts.stride === 0 || i === sc.ops.length - 1) {
      const d = layer.diff(spec, m.abstract());
      if (d !== null) return { violation: { step: i, expected: `α(impl) = spec after ${layer.show(op)}`, observed: d }, ops: i + 1, outputs };
    }
  }
  return { violation: null, ops: sc.ops.length, outputs };
};
