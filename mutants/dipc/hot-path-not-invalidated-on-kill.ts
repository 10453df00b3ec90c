// kill forgets the shootdown of the track_process_call hot path (§6.1.2): a thread's hot
// entry for the dead process survives, and since a hot entry stands for a live callee the
// proxy's fast path lets the next call through it into the dead process instead of
// returning the error.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class HotPathNotInvalidatedOnKill extends DipcImplMachine {
  protected override invalidateHotPaths(_pid: number): void {}
}

export const mutant: DipcMutant = {
  id: 'hot-path-not-invalidated-on-kill',
  description: "kill leaves the dead process's entries in every thread's track_process_call hot path",
  targets: ['REF.dipc'],
  factory: dipcMachineFactoryFor('hot-path-not-invalidated-on-kill', HotPathNotInvalidatedOnKill),
};
