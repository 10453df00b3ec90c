// Validity looks at the node and its parent only, not at further ancestors: after a
// revocation, grandchildren (and deeper descendants) keep granting access (§4.2).
import { CapTable, NONE } from '../impl/cap-table';
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class ShallowRevocationCapTable extends CapTable {
  override isLive(id: number): boolean {
    const parent = this.parent[id];
    return !this.revoked[id] && (parent === NONE || !this.revoked[parent]);
  }
}

class RevokeMissesGrandchildren extends CodomsMachine {
  protected override makeCapTable(): CapTable {
    return new ShallowRevocationCapTable();
  }
}

export const mutant: Mutant = {
  id: 'revoke-misses-grandchildren',
  description: 'capability validity checks only the node and its parent, not older ancestors',
  targets: ['C5'],
  factory: machineFactoryFor('revoke-misses-grandchildren', RevokeMissesGrandchildren),
};
