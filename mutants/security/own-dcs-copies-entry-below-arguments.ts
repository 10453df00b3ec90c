// DCS confidentiality (§5.2.3) gives the callee a DCS of its own holding copies of the
// argument entries; this proxy copies the right number of entries from one too low, so the
// callee's DCS holds the caller's entry just below its arguments (an outer call's argument,
// a capability to another honest process's buffer) in place of its last argument. The
// callee still sees exactly dcsArgs entries, so only the relational check sees it: the
// adversary loads honest data it was never given.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class OwnDcsCopiesEntryBelowArguments extends DipcImplMachine {
  protected override ownDcsFirst(top: number, keep: number): number {
    return Math.max(0, top - keep - 1);
  }
}

export const mutant: DipcMutant = {
  id: 'own-dcs-copies-entry-below-arguments',
  description: "dcsConf copies the callee's argument entries from one entry too low: it gets the caller's entry below its arguments",
  targets: ['ARG-DCS-CONF'],
  factory: dipcMachineFactoryFor('own-dcs-copies-entry-below-arguments', OwnDcsCopiesEntryBelowArguments),
};
