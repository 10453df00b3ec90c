// kill(p) unwinds each thread with a frame in p by one frame only, as if its innermost frame
// had crashed (§5.2.1 asks for the oldest failed frame): in A -> B -> C, killing B resumes
// B, the dead caller of C, instead of A.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class ResumeDeadCaller extends DipcImplMachine {
  protected override failedFrameOf(t: number, pid: number): number {
    const oldest = super.failedFrameOf(t, pid);
    return oldest <= 0 ? oldest : this.kthreads.kcs[t].length;
  }
}

export const mutant: DipcMutant = {
  id: 'resume-dead-caller',
  description: 'kill unwinds only the innermost frame of a thread, resuming a caller that may itself be the dead process',
  targets: ['REF.dipc', 'UNW'],
  factory: dipcMachineFactoryFor('resume-dead-caller', ResumeDeadCaller),
};
