// grant_create with a destination that is not a domain handle of the caller takes the number
// as a raw domain tag (a "compatibility path"), with write permission: no handle, no act of
// the domain's owner, no entry in the ghost ledger justifies the grant (P1, §5.2.2).
import { RANK_WRITE } from '../../impl/indices';
import type { SysResult } from '../../impl/dipc/kernel-core';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { H_GRANT, HP_OWNER } from '../../impl/dipc/handle-table';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from '../dipc/types';

class GrantCreateTakesRawTag extends DipcImplMachine {
  protected override grantCreate(t: number, pid: number, src: number, dst: number): SysResult {
    const p = this.processes.list[pid];
    const f = this.domHandle(pid, src);
    const tag = dst;
    if (!p.dipc || f < 0 || this.domHandle(pid, dst) >= 0 || p.handles.perm[f] !== HP_OWNER || tag <= 0 || tag >= this.hw.numDomains)
      return super.grantCreate(t, pid, src, dst);
    const from = p.handles.ref[f];
    this.hw.writeApl(t, from, tag, RANK_WRITE);
    const g = this.grants.add(from, tag, RANK_WRITE, pid);
    p.grantsMade.push(g);
    this.ledger.grant(pid, g);
    return p.handles.add(H_GRANT, g, 0, pid, null);
  }
}

export const mutant: DipcMutant = {
  id: 'grant-create-takes-raw-tag',
  description: 'grant_create takes a destination that is not a domain handle as a raw tag, with write permission',
  targets: ['P1'],
  factory: dipcMachineFactoryFor('grant-create-takes-raw-tag', GrantCreateTakesRawTag),
};
