// Argument copy (§3.4) made too late: the callee stub copies its buffer arguments when it
// returns, just before it uses them, instead of at entry, so a concurrent writer in the
// caller changes what the callee computes in the meantime. (Its prologue still reserves
// the per-activation area; the copy there at entry is overwritten at return.)
import { NUM_REGS, SP } from '../../alphabet/config';
import type { Output } from '../../alphabet/output';
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { policyMask } from '../../impl/dipc/policy-mask';
import { BUFFER_WORDS } from '../../impl/dipc/stubs';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

const ARG_COPY = policyMask(['argCopy']);

class ArgCopyAfterUse extends DipcImplMachine {
  protected override isolateRet(t: number, sig: Signature, policy: number, results: readonly number[]): Output | null {
    if (policy & ARG_COPY) {
      const area = this.hw.threads.regs[t * NUM_REGS + SP];
      for (let j = 0; j < sig.dcsArgs; j++) {
        for (let w = 0; w < BUFFER_WORDS; w++) {
          const f = this.hw.userCopyWord(t, this.hw.capBaseIn(t, j) + w, area + j * BUFFER_WORDS + w);
          if (f !== null) return f;
        }
      }
    }
    return super.isolateRet(t, sig, policy, results);
  }
}

export const mutant: DipcMutant = {
  id: 'arg-copy-after-use',
  description: 'the callee stub copies its buffer arguments at return instead of at entry',
  targets: ['ARG-IMM'],
  factory: dipcMachineFactoryFor('arg-copy-after-use', ArgCopyAfterUse),
};
