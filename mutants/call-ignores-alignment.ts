// The entry-point rung is missing: call permission alone lets control reach any address of
// the callee, not just its aligned entry points (§4.1).
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class CallIgnoresAlignment extends CodomsMachine {
  protected override isEntryPoint(_a: number): boolean {
    return true;
  }
}

export const mutant: Mutant = {
  id: 'call-ignores-alignment',
  description: 'call permission reaches non-aligned addresses (no entry-point check)',
  targets: ['C2'],
  factory: machineFactoryFor('call-ignores-alignment', CallIgnoresAlignment),
};
