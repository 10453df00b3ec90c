// The proxy's return half checks only that the thread is inside some call: it pops the KCS
// top even when that frame belongs to another proxy (P3, §5.2.3), so a callee can return
// through any return path it reaches and resume whoever called the innermost proxy.
import type { KcsFrame } from '../../impl/dipc/kcs';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class ProxyReturnAnyFrame extends DipcImplMachine {
  protected override returnFrameOk(_t: number, frame: KcsFrame | undefined, _x: number): frame is KcsFrame {
    return frame !== undefined;
  }
}

export const mutant: DipcMutant = {
  id: 'proxy-return-any-frame',
  description: "the proxy return path accepts the KCS top even when it is another proxy's frame (P3)",
  targets: ['P3'],
  factory: dipcMachineFactoryFor('proxy-return-any-frame', ProxyReturnAnyFrame),
};
