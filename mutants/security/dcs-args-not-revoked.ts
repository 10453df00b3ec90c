// The caller stub's epilogue pops its DCS arguments but does not revoke them (§5.2.3): a
// callee that kept a copy of a reference argument still reaches the caller's buffer after
// the call returned.
import type { DipcConfig } from '../../alphabet/dipc-config';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class DcsArgsNotRevoked extends DipcImplMachine {
  constructor(cfg: DipcConfig) {
    super(cfg);
    // The stubs' only revocation is of the popped DCS arguments, in c4.
    this.hw.userCapRevoke = () => null;
  }
}

export const mutant: DipcMutant = {
  id: 'dcs-args-not-revoked',
  description: "the caller stub's epilogue pops its DCS arguments without revoking them",
  targets: ['ARG-REF'],
  factory: dipcMachineFactoryFor('dcs-args-not-revoked', DcsArgsNotRevoked),
};
