// The callee stub's register confidentiality (§5.2.3) zeroes every register but the results,
// except the first one after them: what the callee last had there (say, a result of its own
// call to an honest process) goes back to its caller.
import { NUM_REGS } from '../../alphabet/config';
import type { Output } from '../../alphabet/output';
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { policyMask } from '../../impl/dipc/policy-mask';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

const REG_CONF = policyMask(['regConf']);

class CalleeStubLeavesResultRegister extends DipcImplMachine {
  protected override isolateRet(t: number, sig: Signature, policy: number, results: readonly number[]): Output | null {
    const at = t * NUM_REGS + sig.outRegs;
    const kept = this.hw.threads.regs[at];
    const f = super.isolateRet(t, sig, policy, results);
    // The proxy's return half runs after the stub's `ret`: r[out] goes back as it was.
    if (f === null && policy & REG_CONF && sig.outRegs < 7) this.hw.threads.regs[at] = kept;
    return f;
  }
}

export const mutant: DipcMutant = {
  id: 'callee-stub-leaves-result-register',
  description: 'the callee stub with register confidentiality leaves the register after the results dirty',
  targets: ['ARG-REG-CONF'],
  factory: dipcMachineFactoryFor('callee-stub-leaves-result-register', CalleeStubLeavesResultRegister),
};
