// entry_request compares the number of input and output registers and of stack words, but
// forgets the capability arguments on the DCS: a caller whose signature disagrees with the
// callee's only in dcsArgs gets a proxy (P4 broken: the proxy would move the wrong DCS entries).
import type { Signature } from '../../alphabet/policy';
import { DipcImplMachine } from '../../impl/dipc/machine';
import { dipcMachineFactoryFor } from '../../refinement/dipc-impl-machine';
import type { DipcMutant } from './types';

class SignatureCheckSkipsDcsArgs extends DipcImplMachine {
  protected override signaturesMatch(a: Signature, b: Signature): boolean {
    return a.inRegs === b.inRegs && a.outRegs === b.outRegs && a.stackWords === b.stackWords;
  }
}

export const mutant: DipcMutant = {
  id: 'signature-check-skips-dcs-args',
  description: 'entry_request compares every signature field but dcsArgs',
  targets: ['REF.dipc', 'P4'],
  factory: dipcMachineFactoryFor('signature-check-skips-dcs-args', SignatureCheckSkipsDcsArgs),
};
