// The proxy's entry half forgets P2 (§5.2.3): it does not check that sp lies in the
// thread's stack for the calling process, so a caller can make the proxy read the return
// address from, and write the return path into, any memory it points sp at.
import type { StackRegion } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class ProxySkipsSpCheck extends DipcImplMachine {
  protected override p2Holds(_region: StackRegion | undefined, _sp: number): boolean {
    return true;
  }
}

export const mutant: DipcMutant = {
  id: 'proxy-skips-sp-check',
  description: 'the proxy entry does not check that sp lies in the thread stack of the caller (P2)',
  targets: ['REF.dipc', 'P2'],
  factory: dipcMachineFactoryFor('proxy-skips-sp-check', ProxySkipsSpCheck),
};
