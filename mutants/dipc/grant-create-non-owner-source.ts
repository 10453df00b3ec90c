// grant_create checks that both handles name domains but not that the source handle is
// owner: a process holding only read (or call) access to a domain can extend that domain's
// APL towards any domain it names, i.e. grant itself access from someone else's code.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class GrantCreateNonOwnerSource extends DipcImplMachine {
  protected override grantSourceAllowed(_perm: number): boolean {
    return true;
  }
}

export const mutant: DipcMutant = {
  id: 'grant-create-non-owner-source',
  description: 'grant_create accepts a source domain handle without owner permission',
  targets: ['REF.dipc'],
  factory: dipcMachineFactoryFor('grant-create-non-owner-source', GrantCreateNonOwnerSource),
};
