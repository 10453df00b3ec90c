// ret jumps to the return address but forgets to pop it: sp stays where it was. No safety
// property notices (every access is still checked), but the machine no longer computes what
// the spec says, so only refinement (REF) catches it.
import { NUM_REGS, SP } from '../alphabet/config';
import type { Output } from '../alphabet/output';
import { CodomsMachine } from '../impl/machine';
import { machineFactoryFor } from '../refinement/impl-machine';
import type { Mutant } from './types';

class RetKeepsSp extends CodomsMachine {
  protected override ret(t: number): Output {
    const out = super.ret(t);
    if (out.out === 'ok') this.threads.regs[t * NUM_REGS + SP] -= 1;
    return out;
  }
}

export const mutant: Mutant = {
  id: 'ret-keeps-sp',
  description: 'ret does not pop the return address (sp is not incremented)',
  targets: ['REF'],
  factory: machineFactoryFor('ret-keeps-sp', RetKeepsSp),
};
