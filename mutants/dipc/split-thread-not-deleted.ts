// The thread a time-out split off is not deleted when it returns into the splitting proxy
// (§5.4): it pops the split frame like a normal return and resumes at the caller's return
// address, in the caller's process, next to the caller's own thread.
import type { KcsFrame } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class SplitThreadNotDeleted extends DipcImplMachine {
  protected override returnIntoSplit(t: number): void {
    const frames = this.kthreads.kcs[t];
    const frame = frames[frames.length - 1] as KcsFrame;
    this.restoreCaller(t, frame, 0);
    frames.pop();
  }
}

export const mutant: DipcMutant = {
  id: 'split-thread-not-deleted',
  description: 'a split-off thread returning into the splitting proxy resumes the caller instead of being deleted',
  targets: ['REF.dipc', 'TMO'],
  factory: dipcMachineFactoryFor('split-thread-not-deleted', SplitThreadNotDeleted),
};
