// DET: a trace replays identically: two fresh machines given the same config and ops return
// the same outputs and end in the same abstract state.
import { opToString } from '../../alphabet/ops';
import { type Output, outputToString, sameOutput } from '../../alphabet/output';
import { firstDifference } from '../../refinement/diff';
import type { CodomsProperty } from '../types';

export const DET: CodomsProperty = {
  id: 'DET',
  layer: 'codoms',
  title: 'determinism: the same trace replays identically',
  check: (sc, factory) => {
    const outputs: Output[] = [];
    try {
      const a = factory.create(sc.config);
      const b = factory.create(sc.config);
      for (let i = 0; i < sc.ops.length; i++) {
        const oa = a.step(sc.ops[i]);
        const ob = b.step(sc.ops[i]);
        outputs.push(oa);
        if (!sameOutput(oa, ob))
          return { violation: { step: i, expected: `both runs return ${outputToString(oa)} on ${opToString(sc.ops[i])}`, observed: `second run returned ${outputToString(ob)}` }, ops: i + 1, outputs };
        const d = firstDifference(a.abstract(), b.abstract());
        if (d !== null) return { violation: { step: i, expected: 'both runs reach the same state', observed: d.replaceAll('spec', 'run 1').replaceAll('impl', 'run 2') }, ops: i + 1, outputs };
      }
      return { violation: null, ops: sc.ops.length, outputs };
    } catch (e) {
      return { violation: { step: -1, expected: 'replay runs', observed: String(e) }, ops: 0, outputs };
    }
  },
};
