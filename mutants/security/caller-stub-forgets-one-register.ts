// The caller stub's register integrity (§5.2.3) restores every live register it saved but
// the last one, r6: its epilogue steps sp over the saved word instead of loading it, so the
// caller goes on with whatever the callee left in r6.
import { ERR_REG, NUM_REGS } from '../../alphabet/config';
import type { Output } from '../../alphabet/output';
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { policyMask } from '../../impl/dipc/policy-mask';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

const REG_INT = policyMask(['regInt']);
const FORGOTTEN = ERR_REG - 1;

class CallerStubForgetsOneRegister extends DipcImplMachine {
  protected override deisolateCall(t: number, sig: Signature, policy: number): Output | null {
    const at = t * NUM_REGS + FORGOTTEN;
    const left = this.hw.threads.regs[at];
    const f = super.deisolateCall(t, sig, policy);
    // r6 is live (and saved) when every argument and result register is below it.
    if (f === null && policy & REG_INT && Math.max(sig.inRegs, sig.outRegs) <= FORGOTTEN) this.hw.threads.regs[at] = left;
    return f;
  }
}

export const mutant: DipcMutant = {
  id: 'caller-stub-forgets-one-register',
  description: "the caller stub's register integrity pops the saved r6 without restoring it",
  targets: ['ARG-REG-INT'],
  factory: dipcMachineFactoryFor('caller-stub-forgets-one-register', CallerStubForgetsOneRegister),
};
