// Unwinding (crash, kill, time-out) restores sp, r7, c6, c7, the DCS and the current process,
// but leaves r0-r6 and c0-c5 as the discarded frames had them (the model before DESIGN §11):
// an adversarial caller whose honest callee is unwound or times out reads what that callee
// last held, e.g. the results of its own call to another honest process (issue 12).
import { ERR_REG, NUM_CAP_REGS, NUM_REGS, RET_CAP } from '../../alphabet/config';
import type { KcsFrame } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class UnwindKeepsRegisters extends DipcImplMachine {
  protected override unwindRestore(t: number, frame: KcsFrame, err: number): void {
    const th = this.hw.threads;
    const regs = th.regs.slice(t * NUM_REGS, t * NUM_REGS + ERR_REG);
    const caps = th.capRegs.slice(t * NUM_CAP_REGS, t * NUM_CAP_REGS + RET_CAP);
    super.unwindRestore(t, frame, err);
    th.regs.set(regs, t * NUM_REGS);
    th.capRegs.set(caps, t * NUM_CAP_REGS);
  }
}

export const mutant: DipcMutant = {
  id: 'unwind-keeps-registers',
  description: "unwinding and time-outs leave r0-r6 and c0-c5 as the callee had them",
  targets: ['REF.dipc', 'ARG-REG-CONF'],
  factory: dipcMachineFactoryFor('unwind-keeps-registers', UnwindKeepsRegisters),
};
