// The dIPC impl (and any variant of it, such as a mutant) wrapped as a DipcMachine: step is
// the impl's step, abstract() is the abstraction function α.
import type { DipcConfig } from '../alphabet/dipc-config';
import { DipcImplMachine } from '../impl/dipc/machine';
import { abstractDipc } from './dipc-abstraction';
import type { DipcMachine, DipcMachineFactory } from './machine';

/**
 * The impl object behind each wrapped machine, for tools that read the impl's own state
 * (explore/ hashes its typed arrays to deduplicate states without running α).
 */
export const implBehind = new WeakMap<DipcMachine, DipcImplMachine>();

export const dipcMachineFactoryFor = (id: string, ctor: new (cfg: DipcConfig) => DipcImplMachine): DipcMachineFactory => ({
  id,
  create: (cfg) => {
    const m = new ctor(cfg);
    const w: DipcMachine = { step: (op) => m.step(op), abstract: () => abstractDipc(m) };
    implBehind.set(w, m);
    return w;
  },
});

export const dipcImplFactory: DipcMachineFactory = dipcMachineFactoryFor('impl', DipcImplMachine);
