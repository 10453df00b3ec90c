// CPU time is charged to the thread's home process instead of the process it runs in
// (§5.2.1, track_process_call's accounting): a callee's work is billed to its callers.
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { Output } from '../../alphabet/output';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { idx } from '../../impl/indices';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class CpuChargedToHome extends DipcImplMachine {
  override step(op: DipcOp): Output {
    const kt = this.kthreads;
    const t = typeof op === 'object' && op !== null && 't' in op && typeof op.t === 'number' ? idx(op.t, kt.count) : -1;
    const from = t >= 0 && !kt.ended[t] ? kt.current[t] : -1;
    const home = t >= 0 ? kt.home[t] : -1;
    const before = from >= 0 ? this.processes.list[from].cpuTime : 0;
    const out = super.step(op);
    if (from >= 0 && home !== from && this.processes.list[from].cpuTime === before + 1) {
      this.processes.list[from].cpuTime--;
      this.processes.list[home].cpuTime++;
    }
    return out;
  }
}

export const mutant: DipcMutant = {
  id: 'cpu-charged-to-home',
  description: "CPU time is charged to the thread's home process, not to the process it runs in",
  targets: ['ACCT'],
  factory: dipcMachineFactoryFor('cpu-charged-to-home', CpuChargedToHome),
};
