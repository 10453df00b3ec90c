// Argument copy (§3.4) into one area per process, the model's design before issue 12 §2:
// the callee stub copies buffer j into words 8+4j.. of its process's first data page and
// reads them back at return, instead of an area of its own activation's stack. A nested or
// concurrent call into the same process overwrites an open call's copy (ARG-IMM).
import { NUM_REGS, SP } from '../../alphabet/config';
import type { Output } from '../../alphabet/output';
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { policyMask } from '../../impl/dipc/policy-mask';
import { BUFFER_WORDS } from '../../impl/dipc/stubs';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

const ARG_COPY = policyMask(['argCopy']);

class ArgCopySharedArea extends DipcImplMachine {
  private shared(t: number, j: number): number {
    const data = this.processes.list[this.kthreads.current[t]].data;
    return (data < 0 ? 0 : data) + 8 + j * BUFFER_WORDS;
  }

  /** Copy every buffer word from `from(j)` to `to(j)` with the stub's checked copy. */
  private copyAll(t: number, sig: Signature, from: (j: number) => number, to: (j: number) => number): Output | null {
    for (let j = 0; j < sig.dcsArgs; j++) {
      for (let w = 0; w < BUFFER_WORDS; w++) {
        const f = this.hw.userCopyWord(t, from(j) + w, to(j) + w);
        if (f !== null) return f;
      }
    }
    return null;
  }

  // The stack area is still reserved (same stack shape as the honest stub); what the stub
  // computes from is the shared area, put back into it just before use.
  protected override calleePrologue(t: number, sig: Signature, policy: number): Output | null {
    const f = super.calleePrologue(t, sig, policy);
    if (f !== null || !(policy & ARG_COPY)) return f;
    return this.copyAll(t, sig, (j) => this.hw.capBaseIn(t, j), (j) => this.shared(t, j));
  }

  protected override isolateRet(t: number, sig: Signature, policy: number, results: readonly number[]): Output | null {
    if (policy & ARG_COPY) {
      const sp = this.hw.threads.regs[t * NUM_REGS + SP];
      const f = this.copyAll(t, sig, (j) => this.shared(t, j), (j) => sp + j * BUFFER_WORDS);
      if (f !== null) return f;
    }
    return super.isolateRet(t, sig, policy, results);
  }
}

export const mutant: DipcMutant = {
  id: 'arg-copy-shared-area',
  description: "the callee stub copies its buffer arguments into one area of its process's data page, not its activation's stack",
  targets: ['ARG-IMM'],
  factory: dipcMachineFactoryFor('arg-copy-shared-area', ArgCopySharedArea),
};
