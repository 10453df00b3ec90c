// Unwinding (crash, kill, time-out) restores the caller's DCS, capabilities, ip and current
// process but not its stack pointer (§5.2.1): the caller resumes with the callee's sp.
import { NUM_REGS, SP } from '../../alphabet/config';
import type { KcsFrame } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class UnwindForgetsSp extends DipcImplMachine {
  protected override unwindRestore(t: number, frame: KcsFrame, err: number): void {
    const at = t * NUM_REGS + SP;
    const sp = this.hw.threads.regs[at];
    super.unwindRestore(t, frame, err);
    this.hw.threads.regs[at] = sp;
  }
}

export const mutant: DipcMutant = {
  id: 'unwind-forgets-sp',
  description: "unwinding does not restore the caller's sp",
  targets: ['REF.dipc', 'UNW', 'P3'],
  factory: dipcMachineFactoryFor('unwind-forgets-sp', UnwindForgetsSp),
};
