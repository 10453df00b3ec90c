// DET for the dIPC layer: the same trace on two fresh machines gives the same outputs and states.
import { dipcOpToString } from '../../alphabet/dipc-ops';
import { type Output, outputToString, sameOutput } from '../../alphabet/output';
import { firstDipcDifference } from '../../refinement/dipc-diff';
import type { DipcProperty } from '../types';

export const DET_DIPC: DipcProperty = {
  id: 'DET.dipc',
  layer: 'dipc',
  title: 'determinism (dIPC): the same trace replays identically',
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
          return { violation: { step: i, expected: `both runs return ${outputToString(oa)} on ${dipcOpToString(sc.ops[i])}`, observed: `second run returned ${outputToString(ob)}` }, ops: i + 1, outputs };
        const d = firstDipcDifference(a.abstract(), b.abstract());
        if (d !== null) return { violation: { step: i, expected: 'both runs reach the same state', observed: d.replaceAll('spec', 'run 1').replaceAll('impl', 'run 2') }, ops: i + 1, outputs };
      }
      return { violation: null, ops: sc.ops.length, outputs };
    } catch (e) {
      return { violation: { step: -1, expected: 'replay runs', observed: String(e) }, ops: 0, outputs };
    }
  },
};
