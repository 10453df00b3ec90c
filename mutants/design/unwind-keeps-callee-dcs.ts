// Unwinding (§5.2.1) resumes the caller "on the proxy recorded on that KCS entry"; DCS
// integrity (§5.2.3) "restores" the base "afterwards". This design (the model before issue
// 12 §2) restores only the base (and the saved DCS under DCS confidentiality): what the
// discarded frames pushed stays on the caller's DCS, and under DCS integrity the argument
// slots keep whatever the callee left there. An honest callee's stub that crashes half-way
// through its prologue leaves sync capabilities to its private buffers for its caller to pop.
import type { DesignMutant } from './types';
import { designFactory } from './spec-variant';
import { forgetDcsRestore, isReturnOp } from './variant-helpers';

export const mutant: DesignMutant = {
  id: 'design-unwind-keeps-callee-dcs',
  description: "unwinding restores only the caller's DCS base: the discarded frames' DCS entries stay, the argument slots are not restored",
  cites: '§5.2.1 unwinding, §5.2.3 DCS integrity',
  targets: ['ARG-DCS-INT'],
  factory: designFactory('design-unwind-keeps-callee-dcs', (s, op, spec) =>
    // Returns keep the design's restoration (the return-side mutant forgets that one).
    isReturnOp(op) ? spec(s, op) : forgetDcsRestore(s, op, spec, { length: true, args: true }),
  ),
};
