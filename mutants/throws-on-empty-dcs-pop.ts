// cap_pop reads the top DCS frame record before it checks the bound. On an empty DCS the
// frame list is empty, the lookup yields undefined and reading its id throws a TypeError:
// the model throws where it must deliver a dcsUnderflow fault.
import { fault, ok, type Output } from '../alphabet/output';
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

interface DcsFrame {
  readonly id: number;
}

class ThrowsOnEmptyDcsPop extends CodomsMachine {
  private frames(t: number): DcsFrame[] {
    const th = this.threads;
    const first = t * this.dcsSize;
    return Array.from(th.dcs.subarray(first, first + th.dcsTop[t]), (id) => ({ id }));
  }

  protected override capPop(t: number, c: number): Output {
    if (this.fetchDomain(t) < 0) return this.fetchFault(t);
    const th = this.threads;
    const frames = this.frames(t);
    const popped = frames[frames.length - 1].id;
    if (!(th.dcsTop[t] > th.dcsBase[t])) return fault('dcsUnderflow');
    th.capRegs[this.capReg(t, c)] = popped;
    th.dcsTop[t]--;
    return ok;
  }
}

export const mutant: Mutant = {
  id: 'throws-on-empty-dcs-pop',
  description: 'cap_pop reads the top frame before the bound check and throws a TypeError on an empty DCS',
  targets: ['TOTAL'],
  factory: machineFactoryFor('throws-on-empty-dcs-pop', ThrowsOnEmptyDcsPop),
};
