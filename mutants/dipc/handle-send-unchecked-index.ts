// handle_send reads the handle before checking the table has one: on an empty table the
// lookup yields undefined and the copy dereferences it (a TypeError), the kind of unchecked
// path that makes a kernel crash on a user's bad argument. TOTAL.dipc catches it.
import { viaAppend } from '../../impl/dipc/handle-table';
import { DipcImplMachine } from '../../impl/dipc/machine';
import type { SysResult } from '../../impl/dipc/kernel-core';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class HandleSendUncheckedIndex extends DipcImplMachine {
  protected override handleSend(pid: number, h: number, to: number): SysResult {
    const p = this.processes.list[pid];
    if (p.handles.count === 0) {
      const missing = (p.handles as unknown as { entries?: { via: unknown }[] }).entries?.[h];
      viaAppend((missing as { via: never }).via, to);
    }
    return super.handleSend(pid, h, to);
  }
}

export const mutant: DipcMutant = {
  id: 'handle-send-unchecked-index',
  description: 'handle_send dereferences the handle before checking the table is not empty (throws)',
  targets: ['TOTAL.dipc'],
  factory: dipcMachineFactoryFor('handle-send-unchecked-index', HandleSendUncheckedIndex),
};
