// DCS integrity (§5.2.3) "adjusts the DCS base register ... and restores it afterwards". This
// design (the model before issue 12 §2) restores only the base on a normal return: a callee
// that pops its argument entries, or pushes others above the raised base, makes the honest
// caller's epilogue (pop and revoke its argument count) pop and revoke the caller's own
// entries, or the callee's, and leaves the argument capabilities the callee took unrevoked.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { forgetDcsRestore, isReturnOp } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-return-keeps-callee-dcs-args',
  description: 'under DCS integrity a return restores only the DCS base, not the DCS length and argument entries of the call',
  cites: '§5.2.3 DCS integrity',
  targets: ['ARG-REF', 'ARG-DCS-INT'],
  factory: designFactory('design-return-keeps-callee-dcs-args', (s, op, spec) =>
    isReturnOp(op) ? forgetDcsRestore(s, op, spec, { length: false, args: true }) : spec(s, op),
  ),
};
