// The honest secrets the relational confidentiality properties vary (DESIGN §6, issue 5
// item 3): the second run executes the same trace from a state that differs only in them.
// Each property varies the class of secrets its guarantee is about, so that what another
// guarantee legitimately lets through (registers without regConf, say) does not end its
// comparison early:
//  - registers: the values honest stubs are given, the arguments of calls and the results
//    of returns (ARG-REG-CONF);
//  - stack: the in-stack arguments of calls between honest processes, which sit in the
//    caller's frames (and, with a stack switch, the callee's) and nowhere else (ARG-STACK-CONF);
//  - memory: the words of honest processes' data pages at boot (ARG-DCS-CONF: the caller's
//    DCS holds capabilities to its buffers there).
// What the honest side hands the adversary by its own act is the same in both runs: the
// declared arguments of a call into an adversary and the declared results of a return to
// one; the buffers it passes an adversary by reference; the whole memory of a process that
// gives away rights over its domains (handle_send, grant_create, dom_copy, dom_remap).
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { DipcOp } from '../../alphabet/dipc-ops';
import { resolveIndex } from '../../alphabet/resolve';
import type { DipcScenario } from '../../gen/dipc-scenario';
import type { DipcState } from '../../spec/state/dipc';
import { initialDipcState } from '../../spec/transitions/dipc/boot';
import { dipcStep } from '../../spec/transitions/dipc/step';
import { BUFFER_WORDS, importIndex } from '../../spec/transitions/dipc/stubs';
import type { OpenCall } from './call-tracker';

/** A secret's value in the second run: far from anything the generator writes. */
export const otherValue = (v: number, i: number): number => v + 1000 + 17 * i;

const perturb = (vals: readonly number[], keep: (i: number) => boolean): number[] => vals.map((v, i) => (keep(i) ? v : otherValue(v, i)));

/**
 * What the engine saw of the op's thread before the op (issue 12 §1: not `current` nor the
 * KCS frames): the process it acts as (witness code ownership) and the calls open on it as
 * the call tracker saw them made.
 */
export interface SecretContext {
  readonly acting: number;
  readonly calls: readonly OpenCall[];
}

/** How the second run differs from the first. */
export interface SecretClass {
  readonly name: 'registers' | 'stack' | 'memory';
  /** The second run's config. */
  config(sc: DipcScenario): DipcConfig;
  /** The op the second run executes, given the first run's state before it and what the engine saw of its thread. */
  op(s: DipcState, op: DipcOp, ctx: SecretContext): DipcOp;
  /**
   * When the second run's config depends on the trace (memory: what the honest side released
   * by its own acts, over the whole trace), that dependence as a fold over the first run on
   * the spec, for incremental checking (noninterference.ts). Absent: `config` reads only the
   * scenario's config.
   */
  readonly released?: {
    step(s: DipcState, op: DipcOp, r: { readonly state: DipcState; readonly output: DipcStepOutput }, into: MutableReleased): void;
    config(base: DipcConfig, released: Released): DipcConfig;
  };
}

/**
 * The honest stub_call's import and whether its callee is honest: the proxy's callee, or for
 * an import not resolved yet its entry handle's owner (both made by entry_register and
 * entry_request, not by this call).
 */
const stubCallee = (s: DipcState, op: DipcOp & { op: 'stub_call' }, ctx: SecretContext) => {
  const t = resolveIndex(op.t, s.os.threads.length);
  const kt = s.os.threads[t];
  if (t < 0 || kt === undefined || kt.ended) return undefined;
  const p = s.os.processes[ctx.acting];
  if (p === undefined || !p.honest || p.imports.length === 0) return undefined;
  const imp = p.imports[importIndex(op.i, p.imports.length)];
  const h = imp.handle === null ? undefined : p.handles[imp.handle];
  const callee = imp.proxy !== null ? s.os.proxies[imp.proxy].callee : h?.k === 'entry' ? s.os.entries[h.entry]?.owner : undefined;
  return { imp, calleeHonest: callee === undefined || s.os.processes[callee].honest };
};

/** The innermost call the honest thread of a stub_return would return from (as the tracker saw it made). */
const stubReturnCall = (s: DipcState, op: DipcOp & { op: 'stub_return' }, ctx: SecretContext): OpenCall | undefined => {
  const t = resolveIndex(op.t, s.os.threads.length);
  const kt = s.os.threads[t];
  if (t < 0 || kt === undefined || kt.ended || s.os.processes[ctx.acting]?.honest !== true) return undefined;
  return ctx.calls.at(-1);
};

export const REGISTER_SECRETS: SecretClass = {
  name: 'registers',
  config: (sc) => sc.config,
  op: (s, op, ctx) => {
    if (op.op === 'stub_call') {
      const c = stubCallee(s, op, ctx);
      if (c === undefined) return op;
      const keep = c.calleeHonest ? 0 : c.imp.signature.inRegs + c.imp.signature.stackWords;
      return { ...op, args: perturb(op.args, (i) => i < keep) };
    }
    if (op.op === 'stub_return') {
      const r = stubReturnCall(s, op, ctx);
      if (r === undefined) return op;
      const keep = r.callerHonest ? 0 : r.signature.outRegs;
      return { ...op, results: perturb(op.results, (i) => i < keep) };
    }
    return op;
  },
};

export const STACK_SECRETS: SecretClass = {
  name: 'stack',
  config: (sc) => sc.config,
  op: (s, op, ctx) => {
    if (op.op !== 'stub_call') return op;
    const c = stubCallee(s, op, ctx);
    if (c === undefined || !c.calleeHonest) return op;
    const { inRegs, stackWords } = c.imp.signature;
    return { ...op, args: perturb(op.args, (i) => i < inRegs || i >= inRegs + stackWords) };
  },
};

/** Which honest data words the first run hands an adversary by the honest side's own acts. */
export interface Released {
  /** Processes that gave rights over a domain away: their memory is not secret. */
  readonly exposed: ReadonlySet<number>;
  /** Per process, how many leading words of its first data page it passed an adversary by reference. */
  readonly buffers: ReadonlyMap<number, number>;
}

const GIVING = new Set(['handle_send', 'grant_create', 'dom_copy', 'dom_remap']);

/** What releasedBy accumulates, op by op. */
export interface MutableReleased {
  readonly exposed: Set<number>;
  readonly buffers: Map<number, number>;
}

type DipcStepOutput = ReturnType<typeof dipcStep>['output'];

/** One op of the first run on the spec (`s` before it, `r` its step): what the honest side released by it. */
const releaseStep = (s: DipcState, op: DipcOp, r: { readonly state: DipcState; readonly output: DipcStepOutput }, into: MutableReleased): void => {
  const { exposed, buffers } = into;
  const t = 't' in op && op.op !== 'timeout' ? resolveIndex(op.t, s.os.threads.length) : -1;
  const kt = t < 0 ? undefined : s.os.threads[t];
  const pid = kt === undefined || kt.ended ? -1 : kt.current;
  const honest = pid >= 0 && s.os.processes[pid].honest;
  if (honest && op.op === 'syscall' && GIVING.has(op.call.k) && r.output.out === 'value') exposed.add(pid);
  if (honest && op.op === 'stub_call') {
    const before = kt?.kcs.length ?? 0;
    const after = r.state.os.threads[t].kcs;
    const f = after.length > before ? after[before] : undefined;
    if (f !== undefined && f.caller === pid && !r.state.os.processes[f.callee].honest) {
      const words = r.state.os.proxies[f.proxy].signature.dcsArgs * BUFFER_WORDS;
      buffers.set(pid, Math.max(buffers.get(pid) ?? 0, words));
    }
  }
};

/** Runs the first run on the spec (what the honest side does is the model's, whatever machine is checked). */
export const releasedBy = (sc: DipcScenario): Released => {
  const into: MutableReleased = { exposed: new Set<number>(), buffers: new Map<number, number>() };
  let s = initialDipcState(sc.config);
  for (const op of sc.ops) {
    const r = dipcStep(s, op);
    releaseStep(s, op, r, into);
    s = r.state;
  }
  return into;
};

/** Honest data pages perturbed, but for processes that exposed their memory and the buffers they passed by reference. */
const memoryConfig = (config: DipcConfig, released: Released): DipcConfig => {
  const W = config.wordsPerPage;
  return {
    ...config,
    processes: config.processes.map((pc, pid) => {
      if (!pc.honest || released.exposed.has(pid)) return pc;
      const words = Array.from({ length: pc.dataPages * W }, (_, i) => pc.data?.[i] ?? 0);
      const open = released.buffers.get(pid) ?? 0;
      return { ...pc, data: perturb(words, (i) => i < open) };
    }),
  };
};

export const MEMORY_SECRETS: SecretClass = {
  name: 'memory',
  config: (sc) => memoryConfig(sc.config, releasedBy(sc)),
  op: (_s, op) => op,
  released: { step: releaseStep, config: memoryConfig },
};
