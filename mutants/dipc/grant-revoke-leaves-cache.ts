// grant_revoke clears the APL entry in memory and flushes the revoking CPU's APL cache, but
// sends no shootdown to the other CPUs: a thread of the grantee domain running elsewhere
// keeps its cached row and goes on reaching the revoked domain (§4.3, §5.2.2).
import { RANK_NONE } from '../../impl/indices';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class GrantRevokeLeavesCache extends DipcImplMachine {
  protected override revokeAplEntry(t: number, src: number, dst: number): void {
    const hw = this.hw;
    if (hw.apl.set(src, dst, RANK_NONE)) hw.aplCache.cpus[hw.threads.cpu[t]]?.invalidate(src);
  }
}

export const mutant: DipcMutant = {
  id: 'grant-revoke-leaves-cache',
  description: 'grant_revoke updates the APL table and the local APL cache, but not the APL caches of other CPUs',
  targets: ['REF.dipc', 'HW-ACCESS'],
  factory: dipcMachineFactoryFor('grant-revoke-leaves-cache', GrantRevokeLeavesCache),
};
