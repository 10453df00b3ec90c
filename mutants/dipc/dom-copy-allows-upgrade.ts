// dom_copy hands out a handle with whatever permission is asked for, without checking it
// against the handle copied: a call handle to a proxy domain, or a read handle someone sent,
// becomes owner (Table 2: perm <= h.perm).
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class DomCopyAllowsUpgrade extends DipcImplMachine {
  protected override copyAllowed(_requested: number, _held: number): boolean {
    return true;
  }
}

export const mutant: DipcMutant = {
  id: 'dom-copy-allows-upgrade',
  description: 'dom_copy does not check perm <= h.perm, so a copy can upgrade a handle',
  targets: ['REF.dipc'],
  factory: dipcMachineFactoryFor('dom-copy-allows-upgrade', DomCopyAllowsUpgrade),
};
