// A proxy whose callee was killed still makes the call (§5.2.1: "a call into a dead process
// returns an error"): the liveness check looks only at the caller, so a thread enters the
// dead process's entry point and waits in a process that will never run again.
import type { ProxyRecord } from '../../impl/dipc/entry-table';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class DeadProxyCallable extends DipcImplMachine {
  protected override calleeReachable(px: ProxyRecord, _hot: number): boolean {
    return this.processes.list[px.caller].alive;
  }
}

export const mutant: DipcMutant = {
  id: 'dead-proxy-callable',
  description: "a killed process's proxies stay callable: the entry half checks only that the caller is alive",
  targets: ['REF.dipc', 'UNW'],
  factory: dipcMachineFactoryFor('dead-proxy-callable', DeadProxyCallable),
};
