// cap_derive forgets the permission rung: a read capability can be derived into a write
// one, so a capability can exceed its parent (§4.2 monotonicity).
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class DerivePermGrows extends CodomsMachine {
  protected override derivePermAllowed(_child: number, _parent: number): boolean {
    return true;
  }
}

export const mutant: Mutant = {
  id: 'derive-perm-grows',
  description: 'cap_derive does not check the permission: a read parent yields a write child',
  targets: ['C4'],
  factory: machineFactoryFor('derive-perm-grows', DerivePermGrows),
};
