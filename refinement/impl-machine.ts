// The impl (and any variant of it, such as a mutant) wrapped as a Machine: step is the
// impl's step, abstract() is the abstraction function α, kept incrementally per machine
// (refinement/abstraction.ts): parts an op did not change are the same objects as before.
import type { Config } from '../alphabet/config';
import { CodomsMachine } from '../impl/machine';
import { CodomsAbstractor } from './abstraction';
import type { Machine, MachineFactory } from './machine';

/** The impl object behind each wrapped machine, for tests that compare α with a from-scratch α. */
export const codomsImplBehind = new WeakMap<Machine, CodomsMachine>();

export const machineFactoryFor = (id: string, ctor: new (cfg: Config) => CodomsMachine): MachineFactory => ({
  id,
  create: (cfg) => {
    const m = new ctor(cfg);
    const alpha = new CodomsAbstractor();
    const w: Machine = { step: (op) => m.step(op), abstract: () => alpha.abstract(m) };
    codomsImplBehind.set(w, m);
    return w;
  },
});

export const implFactory: MachineFactory = machineFactoryFor('impl', CodomsMachine);
