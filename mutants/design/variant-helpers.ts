// Small tools shared by design mutants: what a variant needs to forget an effect (patch the
// state the spec's step produced) or drop a precondition (let the spec's check see what it
// wants, then put the world back). Each is written in terms of the spec's state only.
import type { DipcOp, Syscall } from '../../alphabet/dipc-ops';
import { resolveIndex } from '../../alphabet/resolve';
import type { DipcState } from '../../spec/state/dipc';
import type { Handle } from '../../spec/state/handles';
import type { KernelThread } from '../../spec/state/kernel-threads';
import type { DipcStepOutcome } from '../../spec/transitions/dipc/step';
import type { SpecStep } from './spec-variant';

type Kt = KernelThread;

/** The thread an op is issued by (resolved as the spec resolves it), or -1. */
export const threadOf = (s: DipcState, op: DipcOp): number =>
  typeof op === 'object' && op !== null && 't' in op && typeof op.t === 'number' ? resolveIndex(op.t, s.os.threads.length) : -1;

/** The system call an op makes, when it is one of kind k. */
export const syscallOf = <K extends Syscall['k']>(op: DipcOp, k: K): Extract<Syscall, { k: K }> | null =>
  typeof op === 'object' && op !== null && op.op === 'syscall' && op.call.k === k ? (op.call as Extract<Syscall, { k: K }>) : null;

/** The process thread t runs in, or -1. */
export const currentOf = (s: DipcState, t: number): number => (t < 0 || t >= s.os.threads.length ? -1 : s.os.threads[t].current);

export const mapKt = (s: DipcState, f: (k: Kt, t: number) => Kt): DipcState => ({ ...s, os: { ...s.os, threads: s.os.threads.map(f) } });

export const mapCtx = (s: DipcState, f: (c: DipcState['hw']['threads'][number], t: number) => DipcState['hw']['threads'][number]): DipcState => ({
  ...s,
  hw: { ...s.hw, threads: s.hw.threads.map(f) },
});

/** Replace handle h (resolved) of pid's table. */
export const setHandle = (s: DipcState, pid: number, h: number, f: (x: Handle) => Handle): DipcState => {
  const p = s.os.processes[pid];
  const i = resolveIndex(h, p.handles.length);
  if (i < 0) return s;
  return { ...s, os: { ...s.os, processes: s.os.processes.map((q, j) => (j === pid ? { ...p, handles: p.handles.map((x, k) => (k === i ? f(x) : x)) } : q)) } };
};

/** The resolved handle h of pid, or null. */
export const handleOf = (s: DipcState, pid: number, h: number): Handle | null => {
  if (pid < 0) return null;
  const table = s.os.processes[pid].handles;
  const i = resolveIndex(h, table.length);
  return i < 0 ? null : table[i];
};

/**
 * Run the spec's step on a state in which a check the flawed design forgets is made to pass
 * (`fool`), then give back what the fooling changed (`restore`, from the original state to
 * the step's result). When the op does not succeed this way, the spec's own step is the answer.
 */
export const withCheckFooled = (
  s: DipcState, op: DipcOp, spec: SpecStep, fool: (s: DipcState) => DipcState | null, restore: (before: DipcState, after: DipcState) => DipcState,
): DipcStepOutcome => {
  const fooled = fool(s);
  if (fooled === null) return spec(s, op);
  const r = spec(fooled, op);
  if (r.output.out !== 'value') return spec(s, op);
  return { state: restore(s, r.state), output: r.output };
};

/**
 * Give pid's handle h back its original permission after the step. h is resolved in the
 * table before the step: a call that appends a handle (dom_copy, grant_create,
 * entry_register) would make a negative h name the new handle in the table after it, and the
 * fooled handle would keep its owner permission (an upgrade the flaw does not make).
 */
export const restoreHandle = (before: DipcState, after: DipcState, pid: number, h: number): DipcState => {
  const orig = handleOf(before, pid, h);
  if (orig === null) return after;
  const i = resolveIndex(h, before.os.processes[pid].handles.length);
  return setHandle(after, pid, i, (x) => (x.k === 'dom' && orig.k === 'dom' ? { ...x, perm: orig.perm } : x));
};

/** Threads whose KCS grew in this step: the ones a proxy just took into a callee. */
export const enteredThreads = (before: DipcState, after: DipcState): number[] =>
  after.os.threads.flatMap((k, t) => (t < before.os.threads.length && k.kcs.length > before.os.threads[t].kcs.length ? [t] : []));

/** Threads whose KCS shrank in this step (a return, an unwinding, a time-out), not ended. */
export const resumedThreads = (before: DipcState, after: DipcState): number[] =>
  after.os.threads.flatMap((k, t) => (t < before.os.threads.length && !k.ended && k.kcs.length < before.os.threads[t].kcs.length ? [t] : []));

/** Ops that may return through a proxy's return path (stub_return, and raw control transfers). */
export const isReturnOp = (op: DipcOp): boolean => op.op === 'stub_return' || op.op === 'ret' || op.op === 'jump' || op.op === 'call';

/**
 * Run the spec's step with the DCS restoration of issue 12 §2 forgotten by the KCS frames
 * already there: `length` drops the DCS length at the call (an unwind no longer cuts the DCS
 * back), `args` the argument entries kept under DCS integrity (nothing puts them back). The
 * frames left after the step get their fields back.
 */
export const forgetDcsRestore = (s: DipcState, op: DipcOp, spec: SpecStep, forget: { length: boolean; args: boolean }): DipcStepOutcome => {
  const fooled = mapKt(s, (k) => ({
    ...k,
    kcs: k.kcs.map((f) => ({ ...f, savedDcsLength: forget.length ? Number.MAX_SAFE_INTEGER : f.savedDcsLength, savedDcsArgs: forget.args ? null : f.savedDcsArgs })),
  }));
  const r = spec(fooled, op);
  const state = mapKt(r.state, (k, t) => {
    const was = t < s.os.threads.length ? s.os.threads[t].kcs : [];
    return { ...k, kcs: k.kcs.map((f, i) => (i < was.length && f.returnCap === was[i].returnCap ? { ...f, savedDcsLength: was[i].savedDcsLength, savedDcsArgs: was[i].savedDcsArgs } : f)) };
  });
  return { ...r, state };
};
