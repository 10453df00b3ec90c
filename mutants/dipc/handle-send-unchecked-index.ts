// handle_send reads the handle's provenance at the index the caller gave, before resolving
// that index modulo the table size: an index past the end (or negative) yields undefined and
// the read dereferences it (a TypeError), the kind of unchecked path that makes a kernel
// crash on a user's bad argument. TOTAL.dipc catches it.
import type { Via } from '../../impl/dipc/handle-table';
import { DipcImplMachine } from '../../impl/dipc/machine';
import type { SysResult } from '../../impl/dipc/kernel-core';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class HandleSendUncheckedIndex extends DipcImplMachine {
  protected override handleSend(pid: number, h: number, to: number): SysResult {
    const via = this.processes.list[pid].handles.via[h] as Via | null;
    if (via !== null) void via.last;
    return super.handleSend(pid, h, to);
  }
}

export const mutant: DipcMutant = {
  id: 'handle-send-unchecked-index',
  description: 'handle_send dereferences the handle at the unresolved index before checking it (throws)',
  targets: ['TOTAL.dipc'],
  factory: dipcMachineFactoryFor('handle-send-unchecked-index', HandleSendUncheckedIndex),
};
