// The spec itself wrapped as a Machine, so every property can also be run on the spec
// (a property that the spec breaks is a wrong property or a wrong spec).
import type { Op } from '../alphabet/ops';
import { initialState, type SpecState } from '../spec/state/machine';
import { step } from '../spec/transitions/step';
import type { MachineFactory } from './machine';

export const specFactory: MachineFactory = {
  id: 'spec',
  create: (cfg) => {
    let s: SpecState = initialState(cfg);
    return {
      step: (op: Op) => {
        const r = step(s, op);
        s = r.state;
        return r.output;
      },
      abstract: () => s,
    };
  },
};
