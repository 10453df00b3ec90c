// The model-hygiene checks of DESIGN §6, written once for every layer:
// TOTAL (neither spec nor machine throws, whatever the op) and DET (two fresh machines given
// the same trace return the same outputs and reach the same states).
import { type Output, outputToString, sameOutput } from '../../alphabet/output';
import type { Layer, LayerMachine } from '../../refinement/layer';
import type { Verdict } from '../types';

export const threw = (who: string, e: unknown) => `${who} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

type Scenario<Cfg, O> = { readonly config: Cfg; readonly ops: readonly O[] };
type Factory<Cfg, O, St> = { create(cfg: Cfg): LayerMachine<O, St> };

export const checkTotal = <Cfg, O, St>(layer: Layer<Cfg, O, St>, sc: Scenario<Cfg, O>, factory: Factory<Cfg, O, St>): Verdict => {
  const outputs: Output[] = [];
  let s;
  let m;
  try {
    s = layer.boot(sc.config);
    m = factory.create(sc.config);
  } catch (e) {
    return { violation: { step: -1, expected: 'boot does not throw', observed: threw('boot', e) }, ops: 0, outputs };
  }
  for (let i = 0; i < sc.ops.length; i++) {
    const op = sc.ops[i];
    try {
      s = layer.step(s, op).state;
    } catch (e) {
      return { violation: { step: i, expected: `spec returns on ${layer.show(op)}`, observed: threw('spec', e) }, ops: i + 1, outputs };
    }
    try {
      outputs.push(m.step(op));
    } catch (e) {
      return { violation: { step: i, expected: `machine returns on ${layer.show(op)}`, observed: threw('machine', e) }, ops: i + 1, outputs };
    }
  }
  return { violation: null, ops: sc.ops.length, outputs };
};

export const checkDeterminism = <Cfg, O, St>(layer: Layer<Cfg, O, St>, sc: Scenario<Cfg, O>, factory: Factory<Cfg, O, St>): Verdict => {
  const outputs: Output[] = [];
  try {
    const a = factory.create(sc.config);
    const b = factory.create(sc.config);
    for (let i = 0; i < sc.ops.length; i++) {
      const oa = a.step(sc.ops[i]);
      const ob = b.step(sc.ops[i]);
      outputs.push(oa);
      if (!sameOutput(oa, ob))
        return { violation: { step: i, expected: `both runs return ${outputToString(oa)} on ${layer.show(sc.ops[i])}`, observed: `second run returned ${outputToString(ob)}` }, ops: i + 1, outputs };
      const d = layer.diff(a.abstract(), b.abstract());
      if (d !== null) return { violation: { step: i, expected: 'both runs reach the same state', observed: d.replaceAll('spec', 'run 1').replaceAll('impl', 'run 2') }, ops: i + 1, outputs };
    }
    return { violation: null, ops: sc.ops.length, outputs };
  } catch (e) {
    return { violation: { step: -1, expected: 'replay runs', observed: threw('replay', e) }, ops: 0, outputs };
  }
};
