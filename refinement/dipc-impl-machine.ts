// The dIPC impl (and any variant of it, such as a mutant) wrapped as a DipcMachine: step is
// the impl's step, abstract() is the abstraction function α.
import type { DipcConfig } from '../alphabet/dipc-config';
import { DipcImplMachine } from '../impl/dipc/machine';
import { abstractDipc } from './dipc-abstraction';
import type { DipcMachineFactory } from './machine';

export const dipcMachineFactoryFor = (id: string, ctor: new (cfg: DipcConfig) => DipcImplMachine): DipcMachineFactory => ({
  id,
  create: (cfg) => {
    const m = new ctor(cfg);
    return { step: (op) => m.step(op), abstract: () => abstractDipc(m) };
  },
});

export const dipcImplFactory: DipcMachineFactory = dipcMachineFactoryFor('impl', DipcImplMachine);
