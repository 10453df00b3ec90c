// The proxy's return half restores the caller but never revokes the return capability it
// gave the callee (§5.2.3 P3): the callee keeps a capability to the return path after the
// call is over.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class ReturnCapNotRevoked extends DipcImplMachine {
  protected override revokeReturnCap(_id: number): void {}
}

export const mutant: DipcMutant = {
  id: 'return-cap-not-revoked',
  description: 'the proxy return does not revoke the return capability',
  targets: ['REF.dipc', 'P3'],
  factory: dipcMachineFactoryFor('return-cap-not-revoked', ReturnCapNotRevoked),
};
