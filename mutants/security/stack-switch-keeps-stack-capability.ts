// Stack confidentiality (§5.2.3) switches the thread to the callee's own stack, but the proxy
// leaves the caller's whole-stack capability in c7: sp points into the new stack while the
// callee can still load (and store) every word of its caller's stack. No capability the
// call *changed* reaches the caller's frames, so only the relational check sees it: the
// adversary loads the honest caller's in-stack secrets.
import type { StackRegion } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class StackSwitchKeepsStackCapability extends DipcImplMachine {
  protected override calleeStackCap(_theirs: StackRegion, callers: number): number {
    return callers;
  }
}

export const mutant: DipcMutant = {
  id: 'stack-switch-keeps-stack-capability',
  description: "the stack switch moves sp to the callee's stack but leaves the caller's stack capability in c7",
  targets: ['ARG-STACK-CONF'],
  factory: dipcMachineFactoryFor('stack-switch-keeps-stack-capability', StackSwitchKeepsStackCapability),
};
