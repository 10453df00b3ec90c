// The free-block hint is advanced to the next block without looking at the bitmap ("the
// blocks above the last one handed out are free"), which holds while the space only grows.
// Once exec has released a low block, handing that block out moves the hint onto the block
// above it, which a live process still owns: the next spawn or exec gets it too (§6.1.3).
// UNW sees it without the spec: an exec whose new image lands in its old image's block.
import { LowestFreeAllocator } from '../../impl/dipc/id-allocator';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class TrustingHintAllocator extends LowestFreeAllocator {
  protected override hintAfter(taken: number): number {
    return Math.min(taken + 1, this.capacity);
  }
}

class BlockAllocatorReusesLiveBlock extends DipcImplMachine {
  protected override makeBlockAllocator(blocks: number): LowestFreeAllocator {
    return new TrustingHintAllocator(blocks);
  }
}

export const mutant: DipcMutant = {
  id: 'block-allocator-reuses-live-block',
  description: 'after a block is released, the free-block hint moves past it onto a live block, which spawn/exec then hand out again',
  targets: ['REF.dipc', 'UNW'],
  factory: dipcMachineFactoryFor('block-allocator-reuses-live-block', BlockAllocatorReusesLiveBlock),
};
