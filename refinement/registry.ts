// Every machine the tools can run a property against, by id: the spec, the impl and each
// mutant (`--machine <id>`, and the `outcomes` keys of counterexample files).
import { ALL_MUTANTS } from '../mutants/index';
import { implFactory } from './impl-machine';
import type { MachineFactory } from './machine';
import { specFactory } from './spec-machine';

export const machineById = (id: string): MachineFactory | undefined =>
  id === 'impl' ? implFactory : id === 'spec' ? specFactory : ALL_MUTANTS.find((m) => m.id === id)?.factory;

export const MACHINE_IDS: readonly string[] = ['impl', 'spec', ...ALL_MUTANTS.map((m) => m.id)];
