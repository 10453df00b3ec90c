// DCS integrity (§5.2.3) raises the DCS base to top - dcsArgs - 1 instead of top - dcsArgs:
// the callee sees one DCS entry of its caller below the arguments (say, the whole-stack
// capability a stack-integrity caller stub parked there).
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class DcsBaseOneTooLow extends DipcImplMachine {
  protected override dcsIntegrityBase(base: number, top: number, d: number): number {
    return Math.max(base, top - d - 1);
  }
}

export const mutant: DipcMutant = {
  id: 'dcs-base-one-too-low',
  description: 'DCS integrity raises the base to dcsArgs + 1 entries below the top: the callee sees one entry too many',
  targets: ['ARG-DCS-CONF'],
  factory: dipcMachineFactoryFor('dcs-base-one-too-low', DcsBaseOneTooLow),
};
