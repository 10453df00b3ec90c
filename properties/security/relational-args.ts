// The relational halves of ARG-STACK-CONF and ARG-DCS-CONF (issue 5 item 3; the engine is
// noninterference.ts): besides holding no capability into the caller's frames or DCS, an
// adversarial callee must not learn anything of the honest secrets kept there, at any step it
// runs during a call whose policy asks for the guarantee.
//  - ARG-STACK-CONF varies the in-stack arguments of calls between honest processes (they sit
//    in the caller's frames, and in the callee's stack after a stack switch). A word of an
//    honest stack that differs and that the adversary can load is a violation when the call it
//    runs in meets the guarantee's needs, unless it reaches the word only through a capability
//    register c0-c5 the caller already held (register state: the carried-capability finding) or a
//    DCS entry the policy leaves visible (the parked-stack-capability finding).
//  - ARG-DCS-CONF varies honest data pages (the buffers behind the caller's DCS entries). A
//    word there the adversary can load only through its DCS is a violation when the call it
//    runs in has dcsInt or dcsConf.
// Both also flag what no policy allows (noninterference.ts: alwaysBroken).
import { RET_CAP, STACK_CAP } from '../../alphabet/config';
import type { OpenCall } from './call-tracker';
import { alwaysBroken, type Cover, type Difference, honestCallInto, type Judge, noninterference, type Seen } from './noninterference';
import { MEMORY_SECRETS, STACK_SECRETS } from './secrets';

/** Conditions on the call the adversary runs in (from arguments.ts, where the guarantees are defined). */
export interface ConfGuards {
  /** The call meets the guarantee's needs. */
  readonly guarded: (c: OpenCall) => boolean;
  /** Its policy keeps the DCS below the arguments out of the callee's reach. */
  readonly dcsProtected: (c: OpenCall) => boolean;
}

/** A judge of one channel: a violation when the call the adversary runs in holds `holds`. */
const judgeOf = (kind: Difference['k'], holds: (c: OpenCall, d: Difference, at: Seen) => boolean, what: string): Judge => (d, at) => {
  const always = alwaysBroken(d);
  if (always !== null) return always;
  if (d.k !== kind) return 'released';
  const c = honestCallInto(at);
  if (c === undefined || !holds(c, d, at)) return 'released';
  return { expected: `in t${at.t}'s call p${c.caller}->p${c.callee} ${what}`, observed: d.what };
};

const stackJudge = (g: ConfGuards): Judge =>
  judgeOf(
    'stack',
    (c, d, at) => {
      if (d.k !== 'stack' || !g.guarded(c)) return false;
      const regs = at.post.hw.threads[at.t].capRegs;
      // c6 and c7 are the proxy's to set; c0-c5 the caller held before are register state.
      const handed = d.reach.capRegs.some((i) => i === STACK_CAP || i === RET_CAP || regs[i] !== c.before.capRegs[i]);
      return d.reach.apl || handed || (d.reach.dcs && g.dcsProtected(c));
    },
    '(stack confidentiality) the adversary loads nothing that depends on honest stack secrets',
  );

const dcsJudge = (g: ConfGuards): Judge => judgeOf('dcs', (c) => g.dcsProtected(c), '(DCS confidentiality) nothing the adversary can pop reaches honest secrets');

const cover = (event: string, holds: (c: OpenCall) => boolean): Cover => (at, events) => {
  const c = honestCallInto(at);
  if (c !== undefined && holds(c)) events.add(event);
};

export const STACK_CONF_RELATIONAL_COVER = 'ARG-STACK-CONF: adversary ran in a guarded call (relational)';
export const DCS_CONF_RELATIONAL_COVER = 'ARG-DCS-CONF: adversary ran in a guarded call (relational)';

export const stackConfRelational = (g: ConfGuards) => noninterference(STACK_SECRETS, stackJudge(g), cover(STACK_CONF_RELATIONAL_COVER, g.guarded));
export const dcsConfRelational = (g: ConfGuards) => noninterference(MEMORY_SECRETS, dcsJudge(g), cover(DCS_CONF_RELATIONAL_COVER, g.dcsProtected));
