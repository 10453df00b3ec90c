// The dIPC spec wrapped as a DipcMachine, so dIPC properties can run on the spec itself.
import type { DipcOp } from '../alphabet/dipc-ops';
import type { DipcState } from '../spec/state/dipc';
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep } from '../spec/transitions/dipc/step';
import type { DipcMachineFactory } from './machine';

export const dipcSpecFactory: DipcMachineFactory = {
  id: 'spec',
  create: (cfg) => {
    let s: DipcState = initialDipcState(cfg);
    return {
      step: (op: DipcOp) => {
        const r = dipcStep(s, op);
        s = r.state;
        return r.output;
      },
      abstract: () => s,
    };
  },
};
