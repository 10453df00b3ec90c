// track_process_call switches the current process and its resource identity but forgets
// the TLS base (§6.1.2: the proxy must also switch to the target's TLS): the callee runs
// with its caller's thread-local storage.
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class ProcessSwitchKeepsTls extends DipcImplMachine {
  protected override switchToCallee(t: number, pid: number): void {
    const tls = this.kthreads.tls[t];
    super.switchToCallee(t, pid);
    this.kthreads.tls[t] = tls;
  }
}

export const mutant: DipcMutant = {
  id: 'process-switch-keeps-tls',
  description: "track_process_call does not switch the TLS base to the callee's",
  targets: ['REF.dipc'],
  factory: dipcMachineFactoryFor('process-switch-keeps-tls', ProcessSwitchKeepsTls),
};
