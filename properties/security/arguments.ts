// Argument handling (DESIGN §4 table, §6, paper §5.2.3), checked for honest processes against
// whatever an adversarial peer does: ARG-REG-INT, ARG-STACK-INT, ARG-DCS-INT, ARG-DCS-CONF,
// ARG-STACK-CONF, ARG-REF and ARG-IMM, each with what it needs from the policy (`policy`),
// the calls it speaks about (`scope`) and the findings that drop one condition (the table
// in docs/security.md lists them; arg-guarantee.ts says how the three forms are built).
import type { IsolationProp } from '../../alphabet/policy';
import { liveRegisters } from '../../spec/transitions/dipc/stubs';
import { toWord } from '../../alphabet/resolve';
import type { OpenCall } from './call-tracker';
import type { Obs } from './harness';
import { DCS_CONF_RELATIONAL_COVER, dcsConfRelational, STACK_CONF_RELATIONAL_COVER, stackConfRelational } from './relational-args';
import { type ArgGuarantee, build, honestCalleeReturns, honestEnds, honestEntries, honestReturns, type ReturnCheck } from './arg-guarantee';

const has = (p: readonly IsolationProp[], k: IsolationProp) => p.includes(k);
/** The DCS is out of the callee's reach below the arguments. */
const dcsProtected = (p: readonly IsolationProp[]) => has(p, 'dcsInt') || has(p, 'dcsConf');

/**
 * The caller's frames are out of the callee's reach during this call. A caller stub asking
 * for stackInt parks its whole-stack capability on the DCS, so then the DCS must be
 * protected even under stackConf (the stack switch does not hide the DCS): stackInt on top
 * of stackConf without DCS protection is weaker than stackConf alone.
 */
const callFramesProtected = (c: OpenCall): boolean => {
  const parks = has(c.callerPolicy ?? [], 'stackInt');
  return dcsProtected(c.policy) ? has(c.policy, 'stackConf') || parks : has(c.policy, 'stackConf') && !parks;
};

/**
 * The callee inherits a capability into the caller's frames that this call did not hand
 * over: a capability register the caller already held (c5 from an outer stack-integrity
 * call) and the call left alone, or a stack capability on the DCS it sees. Neither the
 * stack switch nor the regConf stub clears those (see the findings in docs/security.md).
 */
const carriedReach = (c: OpenCall, o: Obs): boolean => {
  if (c.dcsReachesFrames && !dcsProtected(c.policy)) return true;
  const addrs = [...c.callerFrames.keys()];
  if (addrs.length === 0) return false;
  const lo = Math.min(...addrs);
  const hi = Math.max(...addrs) + 1;
  return c.after.capRegs.some((id, i) => {
    if (id === null || id === undefined || id !== c.before.capRegs[i]) return false;
    const cap = o.post.hw.caps[id];
    return cap !== undefined && cap.base < hi && cap.base + cap.length > lo;
  });
};

const where = (c: OpenCall) => `t${c.t}'s call p${c.caller}->p${c.callee}`;
const ownStack = (c: OpenCall) => c.callerOnOwnStack;
/** ARG-STACK-INT's policy condition: the honest caller's stub and the call keep its frames out of the callee's reach. */
const framesKept = (c: OpenCall, o: Obs): boolean => c.callerPolicy !== null && callFramesProtected(c) && !carriedReach(c, o);

const REG_INT = build(
  {
    id: 'ARG-REG-INT', title: "register integrity: an honest caller's live registers survive the call",
    needs: 'regInt, and its stack protected: stackConf, or stackInt with dcsInt or dcsConf (with stackInt the DCS must be protected even under stackConf); the caller on a stack of its own, with no capability into it left where the callee can use it',
    policy: (c, o) => c.callerPolicy !== null && has(c.callerPolicy, 'regInt') && callFramesProtected(c) && !carriedReach(c, o),
    scope: (c) => ownStack(c),
    check: (o, c) => {
      const now = o.post.hw.threads[c.t].regs;
      const r = liveRegisters(c.signature).find((i) => now[i] !== c.before.regs[i]);
      return r === undefined ? null : { expected: `${where(c)} leaves live register r${r} = ${c.before.regs[r]}`, observed: `r${r} = ${now[r]}` };
    },
    cover: { 'ARG-REG-INT: checked': 0.02 },
    findings: [
      { suffix: 'regint-unprotected-stack', note: 'regInt saves the live registers on the caller stack; without stackConf, or stackInt with the DCS protected, the callee overwrites them', policy: (c) => c.callerPolicy !== null && has(c.callerPolicy, 'regInt') },
    ],
  },
  honestReturns,
);

const STACK_INT = build(
  {
    id: 'ARG-STACK-INT', title: "stack integrity: an honest caller's stack frames survive the call",
    needs: 'stackConf, or stackInt with dcsInt or dcsConf (with stackInt the whole-stack capability waits on the DCS, which must then be protected even under stackConf); the caller on a stack of its own, with no capability into it left where the callee can use it',
    policy: framesKept,
    scope: (c) => ownStack(c),
    check: (o, c) => {
      for (const [a, v] of c.callerFrames) {
        const now = o.post.hw.memory.get(a) ?? 0;
        if (now !== v) return { expected: `${where(c)} leaves the caller's frame word 0x${a.toString(16)} = ${v}`, observed: `${now}` };
      }
      return null;
    },
    cover: { 'ARG-STACK-INT: checked': 0.05, 'ARG-STACK-INT: checked a call to an adversary': 0.005 },
    findings: [
      { suffix: 'stackint-without-dcs-protection', note: "DESIGN §10's interplay: stack integrity parks the whole-stack capability on the DCS; without DCS integrity or confidentiality the callee pops it and writes the caller's frames", policy: (c) => c.callerPolicy !== null && has(c.callerPolicy, 'stackInt') && !dcsProtected(c.policy) },
    ],
  },
  honestReturns,
);

const DCS_INT = build(
  {
    id: 'ARG-DCS-INT', title: "DCS integrity: an honest caller's DCS entries and base are as it left them after the call",
    // Whatever the callee pops or pushes: the return gives the caller its DCS back (dcsConf:
    // the saved DCS; dcsInt: the DCS at the call with its argument entries, issue 12 §2).
    needs: 'dcsInt or dcsConf',
    policy: (c) => dcsProtected(c.policy),
    scope: () => true,
    check: (o, c) => {
      const now = o.post.hw.threads[c.t];
      // Exactly the caller's own entries, nothing above them: an entry left above means the
      // honest epilogue popped something else than the arguments it pushed (issue 12 §2).
      const same = now.dcs.length === c.before.dcs.length && c.before.dcs.every((id, i) => now.dcs[i] === id) && now.dcsBase === c.before.dcsBase;
      return same ? null : { expected: `${where(c)} leaves the caller's DCS entries [${c.before.dcs.join(',')}] base ${c.before.dcsBase}`, observed: `[${now.dcs.join(',')}] base ${now.dcsBase}` };
    },
    cover: { 'ARG-DCS-INT: checked': 0.05 },
    findings: [
      { suffix: 'no-dcs-protection', note: 'without dcsInt or dcsConf a callee that pops its arguments makes the honest caller stub (which pops its argument count on return) pop and revoke the caller\'s own entries', policy: () => true },
    ],
  },
  // Calls ended by an unwind or a time-out too: the kernel restores the DCS there as on a
  // return (issue 12 §2), and the honest caller's epilogue runs the same.
  honestEnds,
);

const DCS_CONF = build(
  {
    id: 'ARG-DCS-CONF', title: 'DCS confidentiality: the callee sees exactly the DCS arguments of the call, and learns nothing of honest memory through its DCS (relational)',
    needs: 'dcsInt or dcsConf',
    policy: (c) => dcsProtected(c.policy),
    scope: () => true,
    check: (o, c) => {
      const ctx = o.post.hw.threads[c.t];
      const visible = ctx.dcs.length - ctx.dcsBase;
      const want = c.signature.dcsArgs;
      return visible <= want ? null : { expected: `${where(c)}: the callee sees at most the ${want} DCS arguments`, observed: `${visible} visible entries` };
    },
    cover: { 'ARG-DCS-CONF: checked': 0.05 },
    relational: {
      check: dcsConfRelational({ guarded: (c) => dcsProtected(c.policy), dcsProtected: (c) => dcsProtected(c.policy) }),
      cover: { [DCS_CONF_RELATIONAL_COVER]: 0.05 },
    },
    findings: [{ suffix: 'no-dcs-protection', note: "without dcsInt or dcsConf the callee sees the caller's whole DCS", policy: () => true }],
  },
  honestEntries,
);

/**
 * ARG-STACK-CONF's check: no capability the call hands the callee (a capability register
 * the call changed, or a DCS entry above the callee's base) reaches the caller's frames.
 * Registers the caller held before the call and the call left alone are register state
 * (regConf's business); `carried` checks those too.
 */
const stackReach = (carried: boolean): ReturnCheck => (o, c) => {
  const ctx = o.post.hw.threads[c.t];
  const region = [...c.callerFrames.keys()];
  if (region.length === 0) return null;
  const lo = Math.min(...region);
  const hi = Math.max(...region) + 1;
  const handed = ctx.capRegs.filter((id, i) => carried || id !== c.before.capRegs[i]);
  for (const id of [...handed, ...ctx.dcs.slice(ctx.dcsBase)]) {
    if (id === null || id === undefined) continue;
    const cap = o.post.hw.caps[id];
    if (cap !== undefined && !cap.revoked && cap.base < hi && cap.base + cap.length > lo)
      return { expected: `${where(c)}: no capability the callee holds reaches the caller's frames [${lo}, ${hi})`, observed: `capability ${id} covers [${cap.base}, ${cap.base + cap.length})` };
  }
  return null;
};

/** ARG-STACK-CONF's conditions on a call: what it needs from the policy, and the calls it speaks about. */
// This call's stub parks the whole-stack capability on the DCS under stackInt; an outer one may have.
const stackConfPolicy = (c: OpenCall) => has(c.policy, 'stackConf') && (dcsProtected(c.policy) || (!has(c.callerPolicy ?? [], 'stackInt') && !c.dcsReachesFrames));
// A process calling one of its own entries runs on its own stack: there is no one to keep it from.
const stackConfScope = (c: OpenCall) => c.caller !== c.callee && ownStack(c);

const STACK_CONF = build(
  {
    id: 'ARG-STACK-CONF', title: "stack confidentiality: the callee holds no capability into the caller's stack, and loads nothing that depends on honest stack secrets (relational)",
    needs: 'stackConf, and dcsInt or dcsConf when the caller asks for stackInt or a stack capability already sits on its DCS; the caller on a stack of its own; another process',
    policy: stackConfPolicy,
    scope: stackConfScope,
    check: stackReach(false),
    unguardedCheck: stackReach(true),
    cover: { 'ARG-STACK-CONF: checked': 0.05 },
    relational: {
      check: stackConfRelational({ guarded: (c) => stackConfScope(c) && stackConfPolicy(c), dcsProtected: (c) => dcsProtected(c.policy) }),
      cover: { [STACK_CONF_RELATIONAL_COVER]: 0.05, 'secret out through stack': 0.002 },
    },
    findings: [
      { suffix: 'carried-capability-register', note: "a capability register the caller already held (c5 from an outer stack-integrity call) still reaches its stack in the callee: neither the proxy's stack switch nor the regConf stub clears c5", check: stackReach(true) },
      { suffix: 'parked-stack-capability', note: "stackConf switches stacks, but a whole-stack capability an outer stackInt stub parked on the DCS stays visible to the callee unless the DCS is protected", policy: (c) => has(c.policy, 'stackConf') },
    ],
  },
  honestEntries,
);

const REF_ARGS = build(
  {
    id: 'ARG-REF', title: 'reference arguments: a DCS argument covers exactly its buffer and is revoked when the call returns',
    // The return puts the argument entries back where the honest caller stub pops and revokes
    // them (dcsConf: the saved DCS; dcsInt: the argument slots, issue 12 §2), so the copies a
    // callee popped into registers are revoked with them.
    needs: 'dcsInt or dcsConf',
    policy: (c) => dcsProtected(c.policy),
    scope: () => true,
    check: (o, c, events) => {
      // The callee found the arguments at the top of the DCS it saw on entry.
      const args = c.after.dcs.slice(Math.max(0, c.after.dcs.length - c.signature.dcsArgs));
      if (args.length > 0) events.add('ARG-REF: a call with reference arguments returned');
      for (const id of args) {
        if (id === null) continue;
        const cap = o.post.hw.caps[id];
        if (cap === undefined) continue;
        if (cap.length !== 4) return { expected: `${where(c)}: argument capability ${id} covers one 4-word buffer`, observed: `${cap.length} words` };
        if (!cap.revoked) return { expected: `${where(c)}: argument capability ${id} is revoked after the call`, observed: 'it still grants access' };
      }
      return null;
    },
    cover: { 'ARG-REF: a call with reference arguments returned': 0.05 },
    findings: [
      { suffix: 'callee-consumes-arguments', note: 'without dcsInt or dcsConf a callee that pops an argument capability keeps it after the return: the caller stub revokes only what it pops', policy: () => true },
    ],
  },
  honestReturns,
);

/**
 * The relational halves with their policy condition dropped (issue 5 item 4): stored traces
 * show an adversary learning honest stack secrets without a stack switch, and honest memory
 * through a DCS nothing protects.
 */
export const RELATIONAL_FINDINGS = [
  {
    ...STACK_CONF.property,
    id: 'ARG-STACK-CONF~relational-no-stack-switch',
    coverage: {},
    check: stackConfRelational({ guarded: stackConfScope, dcsProtected: () => true }),
    note: "without stackConf the callee runs on its caller's stack and loads the in-stack arguments the caller passed to other honest processes",
  },
  {
    ...DCS_CONF.property,
    id: 'ARG-DCS-CONF~relational-no-dcs-protection',
    coverage: {},
    check: dcsConfRelational({ guarded: () => true, dcsProtected: () => true }),
    note: "without dcsInt or dcsConf the callee pops the capabilities below its arguments and loads the honest buffers they cover",
  },
];

export const ARG_REG_INT = REG_INT.property;
export const ARG_STACK_INT = STACK_INT.property;
export const ARG_DCS_INT = DCS_INT.property;
export const ARG_DCS_CONF = DCS_CONF.property;
export const ARG_STACK_CONF = STACK_CONF.property;
export const ARG_REF = REF_ARGS.property;

/**
 * ARG-IMM's conditions on the stack the copy lives on (docs/dipc-model.md "Argument copy is
 * per activation"): the honest callee's stub copies its buffers to an area of its own
 * activation's stack, so the call must switch stacks (the callee on a stack of its own,
 * which stackConf from either side gives), and every call the callee's process makes on the
 * thread while this call is open must keep its frames out of its callee's reach, as
 * ARG-STACK-INT needs of an honest caller (observed by the tracker as those calls opened).
 */
const copyOnOwnStack = (c: OpenCall) => has(c.policy, 'stackConf');
const nestedKeepCopy = (c: OpenCall, o: Obs) => c.nested.every((n) => ownStack(n) && framesKept(n, o));

/** ARG-IMM: an honest callee with argument copy returns results[0] + the sum of its buffers as they were on entry. */
const IMM = build(
  {
    id: 'ARG-IMM', title: 'argument copy: a concurrent writer in the caller cannot change what the callee uses',
    needs: "argCopy (the callee's policy) and stackConf (its copy on a stack of its own); the callee's own calls during the call keep its frames, as ARG-STACK-INT needs (stackConf, or stackInt with dcsInt or dcsConf; no capability into them left where their callee can use it)",
    policy: (c, o) => has(c.calleePolicy, 'argCopy') && copyOnOwnStack(c) && nestedKeepCopy(c, o),
    scope: (c) => c.signature.outRegs > 0 && c.signature.dcsArgs > 0,
    check: (o, call, events) => {
      if (o.op.op !== 'stub_return') return null;
      const sumAtEntry = call.argWords.reduce((a, b) => a + b, 0);
      const want = toWord((o.op.results[0] ?? 0) + sumAtEntry);
      const got = o.post.hw.threads[call.t].regs[0];
      const caps = call.after.dcs.slice(Math.max(0, call.after.dcs.length - call.signature.dcsArgs));
      const sumNow = caps.reduce((acc: number, id) => {
        const cap = id === null ? undefined : o.pre.hw.caps[id];
        if (cap === undefined) return acc;
        let s = acc;
        for (let w = 0; w < 4; w++) s += o.pre.hw.memory.get(cap.base + w) ?? 0;
        return s;
      }, 0);
      if (sumNow !== sumAtEntry) events.add('ARG-IMM: buffer written during the call');
      return got === want ? null : { expected: `${where(call)}: the callee computes from its copy: r0 = ${want}`, observed: `r0 = ${got}` };
    },
    cover: { 'ARG-IMM: checked': 0.05, 'ARG-IMM: buffer written during the call': 0.005 },
    findings: [
      { suffix: 'no-argcopy', note: 'without argument copy the callee reads its buffers through the capabilities, so a concurrent writer in the caller changes what it computes', policy: (c, o) => copyOnOwnStack(c) && nestedKeepCopy(c, o) },
      { suffix: 'nested-call-exposes-copy', note: "the callee's copy is a frame on its own stack: a call it makes that leaves its frames in its callee's reach (no stackConf, stackInt without DCS protection) lets that callee overwrite the copy", policy: (c) => has(c.calleePolicy, 'argCopy') && copyOnOwnStack(c) },
    ],
  },
  honestCalleeReturns,
);
export const ARG_IMM = IMM.property;

/** Every argument guarantee in its three forms (suite property, unguarded, findings). */
export const ARG_GUARANTEES: readonly ArgGuarantee[] = [REG_INT, STACK_INT, DCS_INT, DCS_CONF, STACK_CONF, REF_ARGS, IMM];
