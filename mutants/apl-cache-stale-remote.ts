// An APL change invalidates only the APL cache of the CPU that made it: a thread on another
// CPU keeps using its stale copy of the row (the classic missing TLB-shootdown bug, §4.3).
import { AplCacheSet } from '../impl/apl-cache';
import type { AplTable } from '../impl/apl-table';
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class LocalOnlyShootdown extends AplCacheSet {
  override shootdown(src: number, originCpu: number): void {
    this.cpus[originCpu]?.invalidate(src);
  }
}

class StaleRemoteAplCache extends CodomsMachine {
  protected override makeAplCache(numCpus: number, apl: AplTable): AplCacheSet {
    return new LocalOnlyShootdown(numCpus, apl);
  }
}

export const mutant: Mutant = {
  id: 'apl-cache-stale-remote',
  description: 'apl_set invalidates only the local CPU APL cache; other CPUs keep a stale row',
  targets: ['C1'],
  factory: machineFactoryFor('apl-cache-stale-remote', StaleRemoteAplCache),
};
