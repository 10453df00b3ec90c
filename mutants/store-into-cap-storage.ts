// The storage-kind rung is applied to loads only: a data store to a capability-storage page
// succeeds and writes the data word there (§4.2: such pages hold capabilities, never data).
import { CodomsMachine } from '../impl/machine';
import type { Output } from '../alphabet/output';
import { RANK_WRITE } from '../impl/indices';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class StoreIntoCapStorage extends CodomsMachine {
  protected override checkDataAccess(t: number, from: number, a: number, need: number): Output | null {
    const f = super.checkDataAccess(t, from, a, need);
    return need === RANK_WRITE && f !== null && f.out === 'fault' && f.fault.kind === 'capStorage' ? null : f;
  }
}

export const mutant: Mutant = {
  id: 'store-into-cap-storage',
  description: 'data stores into capability-storage pages succeed and write the data word',
  targets: ['C6'],
  factory: machineFactoryFor('store-into-cap-storage', StoreIntoCapStorage),
};
