// DCS integrity raises the DCS base to top - (dcsArgs - 1) instead of top - dcsArgs
// (§5.2.3): the callee cannot pop its first capability argument, an off-by-one in the
// template's base computation.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class DcsBaseOffByOne extends DipcImplMachine {
  protected override dcsIntegrityBase(base: number, top: number, d: number): number {
    return Math.max(base, top - (d - 1));
  }
}

export const mutant: DipcMutant = {
  id: 'dcs-base-off-by-one',
  description: 'DCS integrity raises the base by dcsArgs - 1 instead of dcsArgs',
  targets: ['REF.dipc', 'ARG-DCS-INT'],
  factory: dipcMachineFactoryFor('dcs-base-off-by-one', DcsBaseOffByOne),
};
