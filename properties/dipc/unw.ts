// UNW (DESIGN §6, paper §5.2.1): after a crash or a kill, a thread resumes only in a live
// process, in the caller of the oldest failed call, at the point that caller's own call
// returns to, with its sp, DCS and identity as at the call and the error visible in r7; no
// instruction ever runs in a dead process again; no thread is left waiting on a dead frame
// or on a proxy page; everything a killed process made or received is gone or unusable
// (issue 12 §1 UNW).
//
// The expected values come from what this property saw (issue 12 §1), never from the KCS
// frames the transition wrote (`returnAddress`, `savedSp`, `savedDcs`, `caller`) nor from the
// spec's lists (`blockOwners`, `domain.creator`, `grant.live`, `proxy.live`): the witness
// (properties/security/witness/) records whose memory, tags, grants, handles and entries are
// whose, and each call is recorded as it was made (witness/seen-call.ts, shared with P3).
// The KCS only says when calls opened and closed (the trigger).
import { ERR_REG, SP, STACK_CAP } from '../../alphabet/config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import type { Output } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import { DIPC_LAYER } from '../../refinement/layer';
import type { DipcState } from '../../spec/state/dipc';
import { actorOf, CallTracker } from '../security/call-tracker';
import { overlapsWords, type SeenCall, SeenCalls, seeCall, stackCapRegion, withinWords } from '../security/witness/seen-call';
import { Witness } from '../security/witness/witness';
import { checkStepsIn, type LayerObservation, stepSession } from '../observe';
import { withSession } from '../session';
import type { Broken, DipcProperty } from '../types';
import { dipcEvents } from './events';
import { type DeadSnapshot, deadHandlesUnusable, Freed, killCleared, noThreadOnFreedPage, recycledUnreachable, snapshotOf } from './unw-kill';

type Obs = LayerObservation<DipcOp, DipcState>;

/**
 * No live thread is left where a dead process would have to go on: at home in a process the
 * witness saw killed, or inside a call (as seen made) into one. It would wait forever on a
 * frame no one returns from (liveness), or run there.
 */
const noThreadOnADeadFrame = ({ post }: Obs, w: Witness, home: ReadonlyMap<number, number>, calls: SeenCalls): Broken | null => {
  if (w.killed.size === 0) return null;
  for (const [t, kt] of post.os.threads.entries()) {
    if (kt.ended) continue;
    const h = home.get(t);
    if (h !== undefined && w.killed.has(h)) return { expected: `t${t}, at home in p${h}, is not left alive after p${h}'s death`, observed: 'it goes on' };
    const seen = calls.of(t);
    const into = seen.find((c) => w.killed.has(c.callee));
    if (into !== undefined) {
      const path = [h ?? '?', ...seen.map((c) => c.callee)].map((p) => `p${p}`).join('->');
      return { expected: `t${t} is inside no call into a dead process`, observed: `it is still inside its call into dead p${into.callee} (${path})` };
    }
  }
  return null;
};

/**
 * No live thread sits on a proxy page after an op (the pages the witness saw an entry_request
 * map in the kernel's memory): proxies run atomically within the op that lands on them, and
 * the kernel resumes threads only at return addresses a proxy checked. A thread left there
 * would run a proxy's privileged code as user code.
 */
const noThreadOnAProxyPage = ({ post }: Obs, w: Witness): Broken | null => {
  if (w.proxyPages.size === 0) return null;
  const t = post.os.threads.findIndex((kt, i) => !kt.ended && w.proxyPages.has(Math.floor(post.hw.threads[i].ip / post.hw.wordsPerPage)));
  return t < 0 ? null : { expected: 'no live thread is left on a proxy page', observed: `t${t} at 0x${post.hw.threads[t].ip.toString(16)}` };
};

/** An instruction runs only in a live process: the code it ran is no killed process's (witness). */
const noInstructionInADeadProcess = ({ op, pre, output }: Obs, w: Witness): Broken | null => {
  if (output.out === 'skip') return null;
  const t = actorOf(op, pre);
  if (t < 0) return null;
  const p = w.actingAs(pre, t);
  return w.killed.has(p) ? { expected: 'no instruction runs in a dead process', observed: `t${t} ran ${op.op} in p${p}` } : null;
};

/**
 * A thread unwound back into the caller of `call` (the oldest call it left): it is in that
 * caller, at the point the caller's own call returns to, with the sp the caller had (its
 * stub's prologue undone for an honest caller), the error in r7, and its DCS as at the call:
 * the base as it was, the entries below the call's length as they were, nothing above it
 * (DESIGN §5; docs/dipc-model.md on DCS integrity and unwinding).
 */
const resumedAsCalled = (o: Obs, w: Witness, call: SeenCall): Broken | null => {
  const { t } = call;
  const kt = o.post.os.threads[t];
  const ctx = o.post.hw.threads[t];
  const where = `t${t} unwound from p${call.callee} to p${call.caller}`;
  if (kt.current !== call.caller) return { expected: `${where}: p${call.caller}, whose code made the call, is current`, observed: `p${kt.current}` };
  if (ctx.ip !== call.returnAddress) return { expected: `${where}: it resumes at 0x${call.returnAddress.toString(16)}, where its call returns`, observed: `ip 0x${ctx.ip.toString(16)}` };
  const owner = w.codeOwner(o.post, ctx.ip);
  if (owner !== call.caller) return { expected: `${where}: it resumes in p${call.caller}'s code`, observed: `0x${ctx.ip.toString(16)} is ${owner === null ? 'nobody' : owner === 'kernel' ? "the kernel" : `p${owner}`}'s` };
  if (ctx.regs[SP] !== call.resumeSp) return { expected: `${where}: sp back to ${call.resumeSp}`, observed: `sp ${ctx.regs[SP]}` };
  if (ctx.regs[ERR_REG] === 0) return { expected: `${where}: the error is visible in r${ERR_REG}`, observed: 'r7 is 0' };
  const want = call.dcsAtCall;
  const base = Math.min(call.dcsBase, want.length);
  const dcs = `[${ctx.dcs.join(',')}]`;
  if (ctx.dcsBase !== base) return { expected: `${where}: its DCS base back to ${base}, as at the call`, observed: `${ctx.dcsBase}` };
  if (ctx.dcs.length > want.length) return { expected: `${where}: nothing on its DCS above the call's ${want.length} entries [${want.join(',')}]`, observed: dcs };
  if (call.dcsKept && ctx.dcs.length < want.length) return { expected: `${where}: its DCS back to the call's ${want.length} entries [${want.join(',')}] (DCS integrity)`, observed: dcs };
  const kept = call.dcsKept ? want.length : base;
  for (let i = 0; i < kept; i++)
    if (ctx.dcs[i] !== want[i]) return { expected: `${where}: DCS entry ${i} as at the call (${want[i]})${i < base ? ', below its base' : ' (DCS integrity)'}`, observed: dcs };
  return null;
};

/**
 * The resumed caller's c7 after an unwind (docs/dipc-model.md "The stack capability on
 * unwinding"): a live capability into the stack a discarded call that switched stacks gave
 * its callee is never left there, unless it lies within the stack the caller itself held at
 * its call (a process entered again on the same thread has its old stack back). `closed`:
 * the calls the unwind closed, as seen made, oldest first.
 */
const noCalleeStackKept = (o: Obs, closed: readonly SeenCall[]): Broken | null => {
  const oldest = closed[0];
  const { t } = oldest;
  const id = o.post.hw.threads[t].capRegs[STACK_CAP];
  const cap = id === null || id === undefined ? undefined : o.post.hw.caps[id];
  const r = stackCapRegion(o.post, t);
  if (cap === undefined || cap.revoked || r === null) return null;
  if (oldest.callerStack !== null && withinWords(r, oldest.callerStack)) return null;
  const hit = closed.find((c) => c.switchedStack && c.calleeStack !== null && overlapsWords(c.calleeStack, r));
  return hit === undefined
    ? null
    : {
        expected: `t${t} unwound to p${oldest.caller}: c7 is back to its own stack, not a capability into the stack p${hit.callee} was given by a discarded call`,
        observed: `c7 is cap ${id}, over [0x${r.first.toString(16)}, 0x${(r.first + r.words).toString(16)})`,
      };
};

/** kill(p) as the property saw each thread before it: the thread's home and the calls it was inside. */
interface Before {
  readonly home: number | undefined;
  readonly calls: readonly SeenCall[];
  readonly faults: number;
}

/**
 * kill(p): a thread whose home is p ends; a thread inside a call into p unwinds to the oldest
 * such call (it is left inside exactly the calls made before it), unless the caller's own
 * stub then faults (a crash of that caller, unwound further: its fault count grows).
 */
const unwoundFromTheOldestFailedCall = (o: Obs, p: number, before: ReadonlyMap<number, Before>, calls: SeenCalls): Broken | null => {
  for (const [t, b] of before) {
    const after = o.post.os.threads[t];
    if (after === undefined) continue;
    if (b.home === p) {
      if (!after.ended) return { expected: `t${t}, whose home p${p} was killed, ends`, observed: 'it goes on' };
      continue;
    }
    const i = b.calls.findIndex((c) => c.callee === p);
    if (i < 0) continue;
    const depth = calls.of(t).length;
    const faulted = o.post.hw.threads[t].faults > b.faults;
    if (after.ended && !faulted) return { expected: `t${t} resumes in p${b.calls[i].caller}, the caller of its oldest call into p${p}`, observed: 'it ended' };
    if (!after.ended && (depth > i || (depth < i && !faulted)))
      return { expected: `t${t} is left inside the ${i} call(s) made before its first call into p${p}`, observed: `inside ${depth}` };
  }
  return null;
};

const succeeded = (o: Output): boolean => o.out === 'ok' || o.out === 'value';

const makeCheck = () => {
  const w = new Witness();
  const tracker = new CallTracker(w);
  const calls = new SeenCalls();
  const freed = new Freed();
  /** Thread -> its home process: read from the boot state once, then the code a new thread starts in. */
  const home = new Map<number, number>();
  /** Processes made by fork and not exec'd since: their threads run at their parent's addresses in a private space (§6.1.3). */
  const forked = new Set<number>();
  let booted = false;

  return (o: Obs, events: Set<string>): Broken | null => {
    dipcEvents(o.op, o.pre, o.output, o.post, events);
    w.start(o.pre);
    if (!booted) {
      booted = true;
      o.pre.os.threads.forEach((kt, t) => home.set(t, kt.home));
    }
    const ok = succeeded(o.output);
    const actor = actorOf(o.op, o.pre);
    const P = actor >= 0 ? w.actingAs(o.pre, actor) : -1;
    // What the witness knew before this step: the process a kill names, and who its threads were in.
    let dead: DeadSnapshot | null = null;
    const before = new Map<number, Before>();
    if (o.op.op === 'kill' && o.output.out === 'ok') {
      dead = snapshotOf(w, o.pre, resolveIndex(o.op.pid, o.pre.os.processes.length));
      o.pre.os.threads.forEach((kt, t) => {
        if (!kt.ended) before.set(t, { home: home.get(t), calls: [...calls.of(t)], faults: o.pre.hw.threads[t].faults });
      });
    }
    const execOld = o.op.op === 'syscall' && o.op.call.k === 'exec' && ok && P >= 0 ? snapshotOf(w, o.pre, P) : null;
    const early = noInstructionInADeadProcess(o, w);
    if (early !== null) return early;

    const stepCalls = tracker.observe(o.op, o.pre, o.post, o.output);
    w.observe(o.op, o.pre, o.output, o.post);
    // A new thread's home: the new process of a spawn or fork (a fork's child runs at its
    // parent's addresses, in its own space), else the process whose code it starts in.
    const born = o.post.os.processes.length > o.pre.os.processes.length ? o.post.os.processes.length - 1 : -1;
    for (let t = o.pre.os.threads.length; t < o.post.os.threads.length; t++) {
      const h = born >= 0 ? born : w.actingAs(o.post, t);
      if (h >= 0) home.set(t, h);
    }
    if (o.op.op === 'syscall' && ok && o.op.call.k === 'fork' && born >= 0) forked.add(born);
    if (execOld !== null) forked.delete(execOld.pid);
    if (dead !== null) freed.free(w, dead.pages, dead.pid);
    if (execOld !== null) freed.free(w, execOld.pages, execOld.pid);
    // exec: a fresh image in a fresh block (§6.1.3). A block of the old image (as the witness
    // saw it owned) would carry its memory, capabilities and APL entries over.
    if (execOld !== null) {
      const b = o.post.os.processes[execOld.pid]?.block ?? null;
      const per = Math.max(1, o.post.os.blockPages);
      const reused = b === null ? undefined : execOld.pages.find((pg) => Math.floor(pg / per) === b);
      if (reused !== undefined) return { expected: `exec gives p${execOld.pid} a fresh block for its new image (§6.1.3)`, observed: `it got block ${b}, which holds page ${reused} of its old image` };
    }
    const fresh = freed.takeRecycled(w, o.pre);

    for (const c of stepCalls) {
      if (c.k === 'call') {
        const seen = seeCall(o, c.call, w);
        if (w.killed.has(seen.callee)) return { expected: `no call enters dead p${seen.callee}: its entries no longer stand`, observed: `t${c.call.t} entered it from p${seen.caller}` };
        calls.open(seen);
        continue;
      }
      const closed = calls.close(c.t, c.k === 'return' ? 1 : c.frames.length);
      if (c.k === 'return') continue;
      const oldest = closed[0];
      if (oldest === undefined || o.post.os.threads[c.t].ended) continue;
      const b = resumedAsCalled(o, w, oldest) ?? noCalleeStackKept(o, closed);
      if (b !== null) return b;
    }
    return (
      noThreadOnADeadFrame(o, w, home, calls) ??
      noThreadOnAProxyPage(o, w) ??
      (dead === null ? null : unwoundFromTheOldestFailedCall(o, dead.pid, before, calls) ?? killCleared(w, dead, o.post)) ??
      deadHandlesUnusable(w, o.op, o.pre, o.post, ok, actor, P) ??
      noThreadOnFreedPage(freed, o.post, (t) => calls.of(t).length === 0 && forked.has(home.get(t) ?? -1)) ??
      recycledUnreachable(freed, o.pre, o.post, fresh)
    );
  };
};

export const UNW: DipcProperty = {
  id: 'UNW',
  layer: 'dipc',
  // (The title is kept as it was: docs transcripts show it. "The saved return point" is the one the caller's own call pushed, as seen.)
  title: 'unwinding: resume only live callers, at the saved return point, with the error visible',
  check: withSession(
    (sc, f) => checkStepsIn(DIPC_LAYER, sc, f, makeCheck()),
    (runs) => stepSession(runs, makeCheck()),
  ),
};
