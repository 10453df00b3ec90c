// The impl (and any variant of it, such as a mutant) wrapped as a Machine: step is the
// impl's step, abstract() is the abstraction function α.
import type { Config } from '../alphabet/config';
import { CodomsMachine } from '../impl/machine';
import { abstractImpl } from './abstraction';
import type { MachineFactory } from './machine';

export const machineFactoryFor = (id: string, ctor: new (cfg: Config) => CodomsMachine): MachineFactory => ({
  id,
  create: (cfg) => {
    const m = new ctor(cfg);
    return { step: (op) => m.step(op), abstract: () => abstractImpl(m) };
  },
});

export const implFactory: MachineFactory = machineFactoryFor('impl', CodomsMachine);
