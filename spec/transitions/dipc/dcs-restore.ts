// The caller's DCS when the kernel resumes it (§5.2.3 DCS integrity "restores it afterwards",
// §5.2.1 unwinding; docs/dipc-model.md "DCS integrity on return and unwind (issue 12 §2)").
//
// - DCS confidentiality: the caller gets back the whole DCS saved at the call.
// - DCS integrity alone: the DCS is cut back to its length at the call and the argument
//   slots hold the argument entries of the call again. Whatever the callee popped or pushed
//   above the raised base is gone; below it the callee could change nothing. So the honest
//   caller's epilogue (pop and revoke dcsArgs entries) pops and revokes exactly its own
//   arguments, and the callee's copies of them in registers die with them.
// - No DCS protection: a normal return leaves the DCS as the callee left it (the findings
//   ARG-DCS-INT~no-dcs-protection, ARG-REF~callee-consumes-arguments); an unwind cuts it
//   back to its length at the call (the discarded frames' entries go with them).
// The base is the caller's, as saved (never above the DCS top). Entries cut off are not
// revoked: they are ids, and a callee may push any capability it holds, the caller's
// included; nothing can pop them any more (dIPC maps no capability-storage page).
import type { CapId } from '../../state/capabilities';
import type { KcsFrame } from '../../state/kcs';

export interface DcsView {
  readonly dcs: readonly (CapId | null)[];
  readonly dcsBase: number;
}

/** The DCS and base the caller of `frame` resumes with, from the DCS the thread has now. */
export const callerDcs = (frame: KcsFrame, now: readonly (CapId | null)[], unwinding: boolean): DcsView => {
  const dcs =
    frame.savedDcs !== null
      ? frame.savedDcs
      : frame.savedDcsArgs !== null
        ? [...now.slice(0, Math.max(0, frame.savedDcsLength - frame.savedDcsArgs.length)), ...frame.savedDcsArgs]
        : unwinding
          ? now.slice(0, frame.savedDcsLength)
          : now;
  return { dcs, dcsBase: Math.min(frame.savedDcsBase, dcs.length) };
};

/**
 * Unwinding discards frames from-1.. of a KCS at once: each gives back its caller's DCS in
 * turn, innermost first, as if each had returned (an inner call with DCS confidentiality
 * left its callee's own DCS in place, which no outer frame's caller may resume on).
 */
export const unwoundDcs = (kcs: readonly KcsFrame[], from: number, now: readonly (CapId | null)[]): DcsView => {
  let v: DcsView = { dcs: now, dcsBase: 0 };
  for (let k = kcs.length - 1; k >= from - 1; k--) v = callerDcs(kcs[k], v.dcs, true);
  return v;
};
