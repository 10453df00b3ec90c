// Capability ids come from a module-level counter shared by every machine instance, so
// the same trace replayed in a fresh machine names its capabilities differently.
import { CapTable } from '../impl/cap-table';
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

let nextCapId = 0;

class GlobalCounterCapTable extends CapTable {
  protected override allocateId(): number {
    const id = nextCapId++;
    this.count = id + 1;
    return id;
  }
}

class GlobalCapCounter extends CodomsMachine {
  protected override makeCapTable(): CapTable {
    return new GlobalCounterCapTable();
  }
}

export const mutant: Mutant = {
  id: 'global-cap-counter',
  description: 'capability ids come from a module-level counter shared across machine instances',
  targets: ['DET'],
  factory: machineFactoryFor('global-cap-counter', GlobalCapCounter),
};
