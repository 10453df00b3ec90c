// cap_store does not check the kind: a sync capability can be written to a capability-storage
// page and loaded by another thread, leaving its owner (§4.2, DESIGN §11).
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class SyncCapStorable extends CodomsMachine {
  protected override storable(_id: number): boolean {
    return true;
  }
}

export const mutant: Mutant = {
  id: 'sync-cap-storable',
  description: 'cap_store accepts sync capabilities',
  targets: ['C6'],
  factory: machineFactoryFor('sync-cap-storable', SyncCapStorable),
};
