// The dIPC spec wrapped as a DipcMachine, so dIPC properties can run on the spec itself.
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep } from '../spec/transitions/dipc/step';
import type { DipcMachineFactory } from './machine';
import { pureMachine } from './pure-machine';

export const dipcSpecFactory: DipcMachineFactory = {
  id: 'spec',
  create: (cfg) => pureMachine(dipcStep, initialDipcState(cfg)),
};
