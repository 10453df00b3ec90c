// kill(p) unwinds each thread from its newest frame in p instead of its oldest (§5.2.1:
// "the oldest calling domain still alive"): in A -> B -> A -> B, killing B resumes the inner
// A, a frame that waits on the dead B's first frame, instead of the outer A.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class UnwindToNewestFailedFrame extends DipcImplMachine {
  protected override failedFrameOf(t: number, pid: number): number {
    const kt = this.kthreads;
    const frames = kt.kcs[t];
    for (let k = frames.length - 1; k >= 0; k--) if (frames[k].callee === pid) return k + 1;
    return kt.home[t] === pid ? 0 : -1;
  }
}

export const mutant: DipcMutant = {
  id: 'unwind-to-newest-failed-frame',
  description: "kill unwinds a thread from its newest frame in the killed process, not its oldest",
  targets: ['REF.dipc', 'UNW'],
  factory: dipcMachineFactoryFor('unwind-to-newest-failed-frame', UnwindToNewestFailedFrame),
};
