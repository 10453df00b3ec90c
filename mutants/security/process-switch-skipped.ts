// track_process_call skips the process switch when the entry was registered and requested
// by different processes (the only case where it matters): the callee's code runs as its
// caller, with the caller's identity and TLS (§5.2.1, §6.1.2).
import type { ProxyRecord } from '../../impl/dipc/entry-table';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class ProcessSwitchSkipped extends DipcImplMachine {
  protected override trackProcessCall(t: number, px: ProxyRecord, hot: number): void {
    if (px.caller !== px.callee) return;
    super.trackProcessCall(t, px, hot);
  }
}

export const mutant: DipcMutant = {
  id: 'process-switch-skipped',
  description: 'the proxy does not switch the current process when the entry was registered and requested by different processes',
  targets: ['P2', 'P5'],
  factory: dipcMachineFactoryFor('process-switch-skipped', ProcessSwitchSkipped),
};
