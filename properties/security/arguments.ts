// Argument handling (DESIGN §4 table, §6, paper §5.2.3), checked for honest processes against
// whatever an adversarial peer does. Each guarantee holds only under the isolation
// properties it needs; a call whose policy lacks them is not checked (and the stored
// "finding" traces in counterexamples/ show what breaks when one is dropped):
//  ARG-REG-INT    the caller's live registers survive the call: regInt, and the stack they
//                 are saved on protected (stack integrity with the DCS protected, or
//                 stack confidentiality);
//  ARG-STACK-INT  the caller's frames survive the call: stack integrity with the DCS
//                 protected (the whole-stack capability waits on the DCS), or stack
//                 confidentiality;
//  ARG-DCS-INT    the caller's DCS is as it left it: DCS integrity or confidentiality;
//  ARG-DCS-CONF   the callee sees exactly the DCS arguments: DCS integrity or confidentiality;
//  ARG-STACK-CONF the callee holds no capability into the caller's stack: stack
//                 confidentiality, with the DCS protected when the caller's stub parks its
//                 whole-stack capability there;
//  ARG-REF        a capability argument covers exactly its buffer and is revoked when the
//                 call returns: every policy (the honest caller stub does it);
//  ARG-IMM        with argument copy, a concurrent writer in the caller cannot change what
//                 the honest callee computes from its buffer arguments: argCopy.
import type { IsolationProp } from '../../alphabet/policy';
import { liveRegisters } from '../../spec/transitions/dipc/stubs';
import { toWord } from '../../alphabet/resolve';
import type { Broken } from '../types';
import type { OpenCall } from './call-tracker';
import { type Obs, securityProperty } from './harness';

const has = (p: readonly IsolationProp[], k: IsolationProp) => p.includes(k);
/** The DCS is out of the callee's reach below the arguments. */
const dcsProtected = (p: readonly IsolationProp[]) => has(p, 'dcsInt') || has(p, 'dcsConf');
/** The caller's stack frames are out of the callee's reach (effective policy). */
export const framesProtected = (p: readonly IsolationProp[]) => has(p, 'stackConf') || (has(p, 'stackInt') && dcsProtected(p));

type ReturnCheck = (o: Obs, call: OpenCall, events: Set<string>) => Broken | null;
type EntryCheck = ReturnCheck;

/** A property over honest callers' calls that return normally, checked when the policy satisfies `needs`. */
const onHonestReturn = (id: string, title: string, needs: (c: OpenCall) => boolean, needsText: string, check: ReturnCheck, cover: Record<string, number>) =>
  securityProperty({
    id, title, needs: needsText, coverage: cover,
    makeCheck: () => (o, calls, events) => {
      for (const c of calls) {
        if (c.k !== 'return' || c.call === undefined || !c.call.viaStub) continue;
        if (!needs(c.call)) continue;
        if (!o.post.os.processes[c.frame.callee]?.honest) events.add(`${id}: checked a call to an adversary`);
        events.add(`${id}: checked`);
        const b = check(o, c.call, events);
        if (b !== null) return b;
      }
      return null;
    },
  });

/** A property over calls at their entry into the callee, checked when the policy satisfies `needs`. */
const onEntry = (id: string, title: string, needs: (c: OpenCall) => boolean, needsText: string, check: EntryCheck, cover: Record<string, number>) =>
  securityProperty({
    id, title, needs: needsText, coverage: cover,
    makeCheck: () => (o, calls, events) => {
      for (const c of calls) {
        if (c.k !== 'call' || !c.call.callerHonest || !needs(c.call)) continue;
        events.add(`${id}: checked`);
        const b = check(o, c.call, events);
        if (b !== null) return b;
      }
      return null;
    },
  });

const where = (c: OpenCall) => `t${c.t}'s call p${c.frame.caller}->p${c.frame.callee}`;

export const ARG_REG_INT = onHonestReturn(
  'ARG-REG-INT', "register integrity: an honest caller's live registers survive the call",
  (c) => c.callerOnOwnStack && c.callerPolicy !== null && has(c.callerPolicy, 'regInt') && framesProtected([...c.policy, ...c.callerPolicy]),
  'regInt, and its stack protected: stackConf, or stackInt with dcsInt or dcsConf (and the caller on a stack of its own)',
  (o, c) => {
    const now = o.post.hw.threads[c.t].regs;
    const r = liveRegisters(c.signature).find((i) => now[i] !== c.before.regs[i]);
    return r === undefined ? null : { expected: `${where(c)} leaves live register r${r} = ${c.before.regs[r]}`, observed: `r${r} = ${now[r]}` };
  },
  { 'ARG-REG-INT: checked': 0.02 },
);

export const ARG_STACK_INT = onHonestReturn(
  'ARG-STACK-INT', "stack integrity: an honest caller's stack frames survive the call",
  (c) => c.callerOnOwnStack && c.callerPolicy !== null && framesProtected([...c.policy, ...c.callerPolicy]),
  'stackConf, or stackInt with dcsInt or dcsConf (the whole-stack capability waits on the DCS); the caller on a stack of its own',
  (o, c) => {
    for (const [a, v] of c.callerFrames) {
      const now = o.post.hw.memory.get(a) ?? 0;
      if (now !== v) return { expected: `${where(c)} leaves the caller's frame word 0x${a.toString(16)} = ${v}`, observed: `${now}` };
    }
    return null;
  },
  { 'ARG-STACK-INT: checked': 0.05, 'ARG-STACK-INT: checked a call to an adversary': 0.005 },
);

export const ARG_DCS_INT = onHonestReturn(
  'ARG-DCS-INT', "DCS integrity: an honest caller's DCS entries and base are as it left them after the call",
  (c) => dcsProtected(c.policy),
  'dcsInt or dcsConf',
  (o, c) => {
    const now = o.post.hw.threads[c.t];
    // The caller's own entries are intact (a callee may leave entries above them: they are its own).
    const same = now.dcs.length >= c.before.dcs.length && c.before.dcs.every((id, i) => now.dcs[i] === id) && now.dcsBase === c.before.dcsBase;
    return same ? null : { expected: `${where(c)} leaves the caller's DCS entries [${c.before.dcs.join(',')}] base ${c.before.dcsBase}`, observed: `[${now.dcs.join(',')}] base ${now.dcsBase}` };
  },
  { 'ARG-DCS-INT: checked': 0.05 },
);

export const ARG_DCS_CONF = onEntry(
  'ARG-DCS-CONF', 'DCS confidentiality: the callee sees exactly the DCS arguments of the call',
  (c) => dcsProtected(c.policy),
  'dcsInt or dcsConf',
  (o, c) => {
    const ctx = o.post.hw.threads[c.t];
    const visible = ctx.dcs.length - ctx.dcsBase;
    const want = c.signature.dcsArgs;
    return visible <= want ? null : { expected: `${where(c)}: the callee sees at most the ${want} DCS arguments`, observed: `${visible} visible entries` };
  },
  { 'ARG-DCS-CONF: checked': 0.05 },
);

export const ARG_STACK_CONF = onEntry(
  'ARG-STACK-CONF', "stack confidentiality: the callee holds no capability into the caller's stack",
  // A process calling one of its own entries runs on its own stack: there is no one to keep it from.
  (c) => c.frame.caller !== c.frame.callee && c.callerOnOwnStack && has(c.policy, 'stackConf') && (dcsProtected(c.policy) || !has(c.callerPolicy ?? [], 'stackInt')),
  'stackConf, and dcsInt or dcsConf when the caller asks for stackInt; the caller on a stack of its own; another process',
  (o, c) => {
    const ctx = o.post.hw.threads[c.t];
    const region = [...c.callerFrames.keys()];
    if (region.length === 0) return null;
    const lo = Math.min(...region);
    const hi = Math.max(...region) + 1;
    const visible = [...ctx.capRegs, ...ctx.dcs.slice(ctx.dcsBase)];
    for (const id of visible) {
      if (id === null || id === undefined) continue;
      const cap = o.post.hw.caps[id];
      if (cap !== undefined && !cap.revoked && cap.base < hi && cap.base + cap.length > lo)
        return { expected: `${where(c)}: no capability the callee holds reaches the caller's frames [${lo}, ${hi})`, observed: `capability ${id} covers [${cap.base}, ${cap.base + cap.length})` };
    }
    return null;
  },
  { 'ARG-STACK-CONF: checked': 0.05 },
);

export const ARG_REF = onHonestReturn(
  'ARG-REF', 'reference arguments: a DCS argument covers exactly its buffer and is revoked when the call returns',
  () => true,
  'nothing (the honest caller stub makes and revokes them)',
  (o, c, events) => {
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
  { 'ARG-REF: a call with reference arguments returned': 0.05 },
);

/** ARG-IMM: an honest callee with argument copy returns results[0] + the sum of its buffers as they were on entry. */
export const ARG_IMM = securityProperty({
  id: 'ARG-IMM',
  title: 'argument copy: a concurrent writer in the caller cannot change what the callee uses',
  needs: "argCopy (the callee's policy)",
  coverage: { 'ARG-IMM: checked': 0.05, 'ARG-IMM: buffer written during the call': 0.005 },
  makeCheck: () => (o, calls, events) => {
    for (const c of calls) {
      if (c.k !== 'return' || c.call === undefined || o.op.op !== 'stub_return') continue;
      const call = c.call;
      if (!call.calleeHonest || !has(call.calleePolicy, 'argCopy') || call.signature.outRegs === 0 || call.signature.dcsArgs === 0) continue;
      events.add('ARG-IMM: checked');
      const sumAtEntry = call.argWords.reduce((a, b) => a + b, 0);
      const results = o.op.results;
      const want = toWord((results[0] ?? 0) + sumAtEntry);
      const got = o.post.hw.threads[c.t].regs[0];
      const caps = call.after.dcs.slice(Math.max(0, call.after.dcs.length - call.signature.dcsArgs));
      const sumNow = caps.reduce((acc: number, id) => {
        const cap = id === null ? undefined : o.pre.hw.caps[id];
        if (cap === undefined) return acc;
        let s = acc;
        for (let w = 0; w < 4; w++) s += o.pre.hw.memory.get(cap.base + w) ?? 0;
        return s;
      }, 0);
      if (sumNow !== sumAtEntry) events.add('ARG-IMM: buffer written during the call');
      if (got !== want) return { expected: `${where(call)}: the callee computes from its copy: r0 = ${want}`, observed: `r0 = ${got}` };
    }
    return null;
  },
});
