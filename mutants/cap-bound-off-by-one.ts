// Capability coverage uses <= for the upper bound: a capability also grants the word one
// past its end (base + length), the textbook bounds-check bug.
import { CapTable } from '../impl/cap-table';
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class InclusiveEndCapTable extends CapTable {
  override covers(id: number, a: number): boolean {
    return a >= this.base[id] && a <= this.base[id] + this.length[id];
  }
}

class CapBoundOffByOne extends CodomsMachine {
  protected override makeCapTable(): CapTable {
    return new InclusiveEndCapTable();
  }
}

export const mutant: Mutant = {
  id: 'cap-bound-off-by-one',
  description: 'capability coverage accepts base+length, one word past the end',
  targets: ['C1'],
  factory: machineFactoryFor('cap-bound-off-by-one', CapBoundOffByOne),
};
