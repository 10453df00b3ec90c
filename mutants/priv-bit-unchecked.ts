// The privileged-capability bit of ip's page is never consulted: any code may change APLs
// and move the DCS base (§4.1).
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class PrivBitUnchecked extends CodomsMachine {
  protected override onPrivilegedPage(_t: number): boolean {
    return true;
  }
}

export const mutant: Mutant = {
  id: 'priv-bit-unchecked',
  description: 'privileged actions run from any page (privileged bit not checked)',
  targets: ['C3'],
  factory: machineFactoryFor('priv-bit-unchecked', PrivBitUnchecked),
};
