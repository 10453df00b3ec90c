// Trusted proxies (§3.1, §5.2.3, §6.1): what runs, atomically, when a thread's control
// transfer lands in a proxy domain. At a proxy's first instruction: the sp check (P2), the
// proxy-side isolation, the KCS push with the return path and its capability (P3), the
// process switch (track_process_call), the jump to the entry. At its return path: the KCS
// check and pop, the restores, the revocation of the return capability, the resumption.
import { ERR_REG, RET_CAP, SP, STACK_CAP } from '../../../alphabet/config';
import type { Fault } from '../../../alphabet/output';
import type { CapNode } from '../../state/capabilities';
import type { DipcState } from '../../state/dipc';
import type { KcsFrame, StackRegion } from '../../state/kcs';
import { pageOf } from '../../state/pages';
import { checkControlTarget } from '../access';
import { writeWord } from '../data';
import { callerDcs } from './dcs-restore';
import { allocStack, setStack } from './lifecycle';
import { replaceProcess, withHw, withOs } from './result';
import { calleePrologueActs, callerEpilogue } from './stubs';
import { runActs } from './user-actions';
import * as E from 'fp-ts/lib/Either.js';

/** errno-like values a caller finds in r7 after a call (0: none). */
export const ERR_DEAD = 1;
export const ERR_NOMEM = 2;

export type Landing = { readonly at: 'entry' | 'returnPath'; readonly proxy: number } | { readonly at: 'trap' } | null;

/** Where an ip is, as far as proxies go: a proxy's first instruction, its return path, elsewhere in a proxy domain, or none. */
export const landingOf = (s: DipcState, ip: number): Landing => {
  const pg = pageOf({ wordsPerPage: s.hw.wordsPerPage, pages: s.hw.pages }, ip);
  if (pg === null || s.os.domains.get(pg.tag)?.kind !== 'proxy') return null;
  const entry = s.os.proxies.findIndex((p) => p.address === ip);
  if (entry >= 0) return { at: 'entry', proxy: entry };
  const ret = s.os.proxies.findIndex((p) => p.returnPath === ip);
  return ret >= 0 ? { at: 'returnPath', proxy: ret } : { at: 'trap' };
};

export interface ProxyOutcome {
  readonly state: DipcState;
  /** A fault of the thread (it is delivered by the caller of these functions). */
  readonly fault: Fault | null;
}

const ok = (state: DipcState): ProxyOutcome => ({ state, fault: null });
const refused = (state: DipcState, addr: number): ProxyOutcome => ({ state, fault: { kind: 'proxyCheck', addr } });

type Ctx = DipcState['hw']['threads'][number];
const updateCtx = (s: DipcState, t: number, f: (c: Ctx) => Ctx): DipcState =>
  withHw(s, { ...s.hw, threads: s.hw.threads.map((c, i) => (i === t ? f(c) : c)) });
const updateKt = (s: DipcState, t: number, f: (k: DipcState['os']['threads'][number]) => DipcState['os']['threads'][number]): DipcState =>
  withOs(s, { threads: s.os.threads.map((k, i) => (i === t ? f(k) : k)) });
const setRegs = (c: Ctx, pairs: [number, number][]): Ctx => ({
  ...c,
  regs: c.regs.map((v, i) => pairs.find(([r]) => r === i)?.[1] ?? v),
});

type KernelThread = DipcState['os']['threads'][number];

/**
 * The stack frame k of a thread runs on (frame k runs in its k-th process, frame 0 at
 * home): its stack in the callee of the innermost call up to k that switched stacks, else
 * its home stack. A callee entered without a switch runs on its caller's stack.
 */
export const stackOfFrame = (kt: KernelThread, k: number): StackRegion | undefined => {
  for (let j = Math.min(k, kt.kcs.length) - 1; j >= 0; j--) if (kt.kcs[j].stackSwitched) return kt.stacks.get(kt.kcs[j].callee);
  return kt.stacks.get(kt.home);
};

/**
 * How far down thread t uses `region`, if any frame runs on it: the innermost such frame's
 * sp (the current sp, or the sp it saved when it called out). Stacks grow down and nested
 * frames on one stack are LIFO, so the innermost user is the lowest.
 */
const stackInUse = (s: DipcState, t: number, region: StackRegion): number | undefined => {
  const kt = s.os.threads[t];
  for (let k = kt.kcs.length; k >= 0; k--) {
    if (stackOfFrame(kt, k)?.first !== region.first) continue;
    return k === kt.kcs.length ? s.hw.threads[t].regs[SP] : kt.kcs[k].savedSp;
  }
  return undefined;
};

/**
 * P3 (§5.2.3): the proxy saves the return address at [sp] only if the code that entered the
 * proxy (domain `from`) could itself transfer control there, and it lies outside every
 * proxy domain. Otherwise a caller could jump into a proxy with a third party's code address
 * at [sp] and have the proxy resume it there (a confused deputy), or chain proxies through
 * return addresses. So a thread the kernel resumes (return, error, unwinding, time-out) is
 * never on a proxy page, and never where its caller could not have gone.
 */
const returnAddressOk = (s: DipcState, t: number, from: number | null, a: number): boolean =>
  from !== null && landingOf(s, a) === null && E.isRight(checkControlTarget(s.hw, t, s.hw.threads[t], from, a));

/** The call cannot be made: back to the return address the caller pushed, with the error in r7. */
const errorReturn = (s: DipcState, t: number, proxy: number, err: number): ProxyOutcome => {
  const sp = s.hw.threads[t].regs[SP];
  const back = updateCtx(s, t, (c) => ({ ...setRegs(c, [[SP, sp + 1], [ERR_REG, err]]), ip: s.hw.memory.get(sp) ?? 0 }));
  return callerEpilogue(back, t, proxy);
};

/**
 * The proxy's entry half (DESIGN §4 steps 1-5), entered by code of domain `from` (null when
 * no user code transferred control here, which never happens: see returnAddressOk).
 */
export const proxyEnter = (s0: DipcState, t: number, x: number, from: number | null): ProxyOutcome => {
  const kt = s0.os.threads[t];
  const ctx = s0.hw.threads[t];
  const px = s0.os.proxies[x];
  const caller = kt.current;
  const sp = ctx.regs[SP];
  // 1. P2: the stack pointer lies in the stack the thread is running on in the current process.
  const region = stackOfFrame(kt, kt.kcs.length);
  if (region === undefined || sp < region.first || sp >= region.first + region.words) return refused(s0, ctx.ip);
  // 1b. P3: the return address at [sp] is one the caller could reach by itself.
  const returnAddress = s0.hw.memory.get(sp) ?? 0;
  if (!returnAddressOk(s0, t, from, returnAddress)) return refused(s0, ctx.ip);
  // A call into a dead process or a torn-down entry returns an error instead.
  const entry = s0.os.entries[px.entry];
  const callee = s0.os.processes[px.callee];
  if (!px.live || !entry.live || !callee.alive || !callee.dipc) return errorReturn(s0, t, x, ERR_DEAD);
  // 2a. Stack: switch to the thread's stack in the callee (made on first use) and copy the
  // in-stack arguments, or keep the caller's stack and replace the return address.
  let s = s0;
  let newSp = sp;
  let stackCap = ctx.capRegs[STACK_CAP];
  const switched = px.policy.includes('stackConf');
  if (switched) {
    let theirs = kt.stacks.get(px.callee);
    if (theirs === undefined) {
      const made = allocStack(s, t, px.callee);
      if (E.isLeft(made)) return errorReturn(s0, t, x, ERR_NOMEM);
      theirs = made.right.region;
      s = setStack(made.right.state, t, px.callee, theirs);
    }
    // Re-entering a process this thread is already in (A -> B -> A, or A -> A) continues on
    // its stack there below the part still in use (by A, or by a callee A entered without a
    // switch), never over it.
    const top = stackInUse(s0, t, theirs) ?? theirs.first + theirs.words;
    const n = px.signature.stackWords;
    if (top - n - 1 < theirs.first) return errorReturn(s0, t, x, ERR_NOMEM);
    let memory = s.hw.memory;
    for (let j = 0; j < n; j++) memory = writeWord(memory, top - n + j, s0.hw.memory.get(sp + 1 + j) ?? 0);
    newSp = top - n - 1;
    memory = writeWord(memory, newSp, px.returnPath);
    s = withHw(s, { ...s.hw, memory });
    stackCap = theirs.cap;
  } else {
    s = withHw(s, { ...s.hw, memory: writeWord(s.hw.memory, sp, px.returnPath) });
  }
  // 2b. DCS: the callee gets its own with copies of the arguments, or the base is raised so
  // only the arguments are visible.
  const d = px.signature.dcsArgs;
  const confDcs = px.policy.includes('dcsConf');
  const intDcs = px.policy.includes('dcsInt');
  const dcs = confDcs ? ctx.dcs.slice(Math.max(0, ctx.dcs.length - d)) : ctx.dcs;
  const dcsBase = confDcs ? 0 : intDcs ? Math.max(ctx.dcsBase, ctx.dcs.length - d) : ctx.dcsBase;
  // 3. The return capability: sync, one word at the return path, this thread's only.
  const returnCap = s.hw.caps.length;
  const node: CapNode = { parent: null, base: px.returnPath, length: 1, perm: 'read', kind: 'sync', owner: t, creatorTag: px.domain, revoked: false };
  const frame: KcsFrame = {
    proxy: x, caller, callee: px.callee, returnAddress, savedSp: sp, savedDcsBase: ctx.dcsBase,
    savedDcsLength: ctx.dcs.length, savedDcsArgs: intDcs && !confDcs ? ctx.dcs.slice(Math.max(0, ctx.dcs.length - d)) : null,
    savedDcs: confDcs ? ctx.dcs : null, savedStackCap: switched ? ctx.capRegs[STACK_CAP] : null,
    savedRetCap: ctx.capRegs[RET_CAP], stackSwitched: switched, returnCap, split: false,
  };
  s = withHw(s, { ...s.hw, caps: [...s.hw.caps, node] });
  s = updateCtx(s, t, (c) => ({
    ...setRegs(c, [[SP, newSp]]),
    capRegs: c.capRegs.map((v, i) => (i === STACK_CAP ? stackCap : i === RET_CAP ? returnCap : v)),
    dcs,
    dcsBase,
    ip: entry.entries[px.slot].address,
  }));
  // 4. track_process_call: the callee is now the current process (resource identity, TLS),
  // with a per-process identifier for this thread made on first entry (§6.1.2 cold path).
  const target = s.os.processes[px.callee];
  s = updateKt(s, t, (k) => ({ ...k, current: px.callee, tls: target.tls, resource: target.resource, kcs: [...k.kcs, frame] }));
  if (!target.threadIds.has(t)) {
    const threadIds = new Map(target.threadIds);
    threadIds.set(t, target.nextThreadId);
    s = replaceProcess(s, px.callee, { ...target, threadIds, nextThreadId: target.nextThreadId + 1 });
  }
  // 5. Control is in the callee's code: an honest callee runs its stub's entry half.
  if (!target.honest) return ok(s);
  // Its argument copy goes on the stack it now runs on, never below that stack's first word.
  const bottom = stackOfFrame(s.os.threads[t], s.os.threads[t].kcs.length)?.first ?? 0;
  return runActs(s, calleePrologueActs(t, px.signature, entry.entries[px.slot].policy, bottom));
};

/** The proxy's return half: the KCS top must be this proxy's frame and the thread in its callee. */
export const proxyReturn = (s0: DipcState, t: number, x: number): ProxyOutcome => {
  const kt = s0.os.threads[t];
  const frame = kt.kcs[kt.kcs.length - 1];
  if (frame === undefined || frame.proxy !== x || kt.current !== frame.callee) return refused(s0, s0.hw.threads[t].ip);
  const caller = s0.os.processes[frame.caller];
  let s = withHw(s0, { ...s0.hw, caps: s0.hw.caps.map((c, i) => (i === frame.returnCap ? { ...c, revoked: true } : c)) });
  // The thread a time-out split off is deleted when it returns into the splitting proxy (§5.4).
  if (frame.split) return ok(withOs(s, { threads: s.os.threads.map((k, i) => (i === t ? { ...k, ended: true, kcs: k.kcs.slice(0, -1) } : k)) }));
  s = updateCtx(s, t, (c) => ({
    ...setRegs(c, [[SP, frame.savedSp + 1], [ERR_REG, 0]]),
    capRegs: c.capRegs.map((v, i) => (i === RET_CAP ? frame.savedRetCap : i === STACK_CAP && frame.stackSwitched ? frame.savedStackCap : v)),
    // DCS confidentiality gives the saved DCS back; DCS integrity the DCS at the call with its
    // argument entries (dcs-restore.ts); the base as saved.
    ...callerDcs(frame, c.dcs, false),
    ip: frame.returnAddress,
  }));
  s = updateKt(s, t, (k) => ({ ...k, current: frame.caller, tls: caller.tls, resource: caller.resource, kcs: k.kcs.slice(0, -1) }));
  return callerEpilogue(s, t, x);
};
