// A time-out splits the thread even when the call did not switch stacks (§5.4: splitting
// "will only work if the timed-out caller uses a stack separate from the callee's"): the
// split-off callee keeps running on a stack its caller also uses.
import type { KcsFrame } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class TimeoutWithoutStackSwitch extends DipcImplMachine {
  protected override splittable(t: number, frame: KcsFrame): boolean {
    const kt = this.kthreads;
    if (kt.home[t] === frame.callee) return false;
    const frames = kt.kcs[t];
    for (let k = 0; k < frames.length - 1; k++) if (frames[k].callee === frame.callee) return false;
    return true;
  }
}

export const mutant: DipcMutant = {
  id: 'timeout-without-stack-switch',
  description: 'a time-out splits a call that did not switch stacks',
  targets: ['REF.dipc', 'TMO'],
  factory: dipcMachineFactoryFor('timeout-without-stack-switch', TimeoutWithoutStackSwitch),
};
