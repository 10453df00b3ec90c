// A time-out resumes the caller as if the call had returned normally (§5.4 asks for a
// time-out error): r7 is 0, so the caller takes whatever is in r0.. for the callee's results.
import type { KcsFrame } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { ERR_TIMEOUT } from '../../impl/dipc/proxy';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class TimeoutWithoutErrorFlag extends DipcImplMachine {
  protected override unwindRestore(t: number, frame: KcsFrame, err: number): void {
    super.unwindRestore(t, frame, err === ERR_TIMEOUT ? 0 : err);
  }
}

export const mutant: DipcMutant = {
  id: 'timeout-without-error-flag',
  description: 'a time-out resumes the caller with r7 = 0, as if the callee had returned',
  targets: ['REF.dipc', 'TMO'],
  factory: dipcMachineFactoryFor('timeout-without-error-flag', TimeoutWithoutErrorFlag),
};
