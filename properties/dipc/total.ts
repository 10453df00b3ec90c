// TOTAL for the dIPC layer: neither the dIPC spec nor the machine throws, whatever the op.
import { dipcOpToString } from '../../alphabet/dipc-ops';
import type { Output } from '../../alphabet/output';
import { initialDipcState } from '../../spec/transitions/dipc/boot';
import { dipcStep } from '../../spec/transitions/dipc/step';
import type { DipcProperty } from '../types';

const threw = (who: string, e: unknown) => `${who} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;

export const TOTAL_DIPC: DipcProperty = {
  id: 'TOTAL.dipc',
  layer: 'dipc',
  title: 'totality (dIPC): spec and machine never throw, whatever the op',
  wild: true,
  check: (sc, factory) => {
    const outputs: Output[] = [];
    let s;
    let m;
    try {
      s = initialDipcState(sc.config);
      m = factory.create(sc.config);
    } catch (e) {
      return { violation: { step: -1, expected: 'boot does not throw', observed: threw('boot', e) }, ops: 0, outputs };
    }
    for (let i = 0; i < sc.ops.length; i++) {
      const op = sc.ops[i];
      try {
        s = dipcStep(s, op).state;
      } catch (e) {
        return { violation: { step: i, expected: `spec returns on ${dipcOpToString(op)}`, observed: threw('spec', e) }, ops: i + 1, outputs };
      }
      try {
        outputs.push(m.step(op));
      } catch (e) {
        return { violation: { step: i, expected: `machine returns on ${dipcOpToString(op)}`, observed: threw('machine', e) }, ops: i + 1, outputs };
      }
    }
    return { violation: null, ops: sc.ops.length, outputs };
  },
};
