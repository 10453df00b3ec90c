// The tag allocator is a module-level singleton shared by every machine instance, so a
// second machine booted from the same config hands out different tags: the same trace no
// longer replays identically (DET.dipc).
import { DipcImplMachine } from '../../impl/dipc/machine';
import type { SysResult } from '../../impl/dipc/kernel-core';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

let sharedCreations = 0;

class GlobalTagAllocator extends DipcImplMachine {
  /** dom_create takes one extra tag every other machine-wide creation, as a shared allocator would. */
  protected override domCreate(pid: number): SysResult {
    sharedCreations++;
    if (sharedCreations % 2 === 0) super.domCreate(pid);
    return super.domCreate(pid);
  }
}

export const mutant: DipcMutant = {
  id: 'global-tag-allocator',
  description: 'domain tags come from an allocator shared across machine instances, so replays differ',
  targets: ['DET.dipc'],
  factory: dipcMachineFactoryFor('global-tag-allocator', GlobalTagAllocator),
};
