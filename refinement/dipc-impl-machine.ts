// The dIPC impl (and any variant of it, such as a mutant) wrapped as a DipcMachine: step is
// the impl's step, abstract() is the abstraction function α, kept incrementally per machine
// (refinement/dipc-abstraction.ts): parts an op did not change are the same objects as before.
import type { DipcConfig } from '../alphabet/dipc-config';
import { DipcImplMachine } from '../impl/dipc/machine';
import { DipcAbstractor } from './dipc-abstraction';
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
    const alpha = new DipcAbstractor();
    const w: DipcMachine = { step: (op) => m.step(op), abstract: () => alpha.abstract(m) };
    implBehind.set(w, m);
    return w;
  },
});

export const dipcImplFactory: DipcMachineFactory = dipcMachineFactoryFor('impl', DipcImplMachine);
