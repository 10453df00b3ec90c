// TOTAL: neither the spec nor the machine throws on any op in any state, including ops with
// absurd indices and values and objects that are not ops at all.
import { opToString } from '../../alphabet/ops';
import type { Output } from '../../alphabet/output';
import { initialState } from '../../spec/state/machine';
import { step } from '../../spec/transitions/step';
import type { CodomsProperty } from '../types';

const threw = (who: string, e: unknown) => `${who} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

export const TOTAL: CodomsProperty = {
  id: 'TOTAL',
  layer: 'codoms',
  title: 'totality: spec and machine never throw, whatever the op',
  wild: true,
  check: (sc, factory) => {
    const outputs: Output[] = [];
    let s;
    let m;
    try {
      s = initialState(sc.config);
      m = factory.create(sc.config);
    } catch (e) {
      return { violation: { step: -1, expected: 'boot does not throw', observed: threw('boot', e) }, ops: 0, outputs };
    }
    for (let i = 0; i < sc.ops.length; i++) {
      const op = sc.ops[i];
      try {
        s = step(s, op).state;
      } catch (e) {
        return { violation: { step: i, expected: `spec returns on ${opToString(op)}`, observed: threw('spec', e) }, ops: i + 1, outputs };
      }
      try {
        outputs.push(m.step(op));
      } catch (e) {
        return { violation: { step: i, expected: `machine returns on ${opToString(op)}`, observed: threw('machine', e) }, ops: i + 1, outputs };
      }
    }
    return { violation: null, ops: sc.ops.length, outputs };
  },
};
