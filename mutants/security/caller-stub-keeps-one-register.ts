// The caller stub's register confidentiality (§5.2.3) zeroes every non-argument register but
// the first: whatever the thread last left in r[in] (say, an argument of an earlier call to
// an honest process) reaches the callee.
import { NUM_REGS } from '../../alphabet/config';
import type { Output } from '../../alphabet/output';
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { policyMask } from '../../impl/dipc/policy-mask';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

const REG_CONF = policyMask(['regConf']);

class CallerStubKeepsOneRegister extends DipcImplMachine {
  protected override callerPrologue(t: number, sig: Signature, policy: number, args: readonly number[], data: number, proxyAddress: number): Output | null {
    const at = t * NUM_REGS + sig.inRegs;
    const kept = this.hw.threads.regs[at];
    const f = super.callerPrologue(t, sig, policy, args, data, proxyAddress);
    // The proxy runs after the stub (when the machine settles the landing): r[in] is still as it was.
    if (f === null && policy & REG_CONF && sig.inRegs < 7) this.hw.threads.regs[at] = kept;
    return f;
  }
}

export const mutant: DipcMutant = {
  id: 'caller-stub-keeps-one-register',
  description: 'the caller stub with register confidentiality forgets to zero the first non-argument register',
  targets: ['ARG-REG-CONF'],
  factory: dipcMachineFactoryFor('caller-stub-keeps-one-register', CallerStubKeepsOneRegister),
};
