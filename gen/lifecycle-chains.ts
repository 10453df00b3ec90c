// Lifecycle attacks that follow a call chain (gen/lifecycle-attack.ts gathers them all):
// a fault deep in a chain, the kept-stack time-out, a proxy entered inside, a kill in a chain
// that comes back; and the walks they and the kill walk share. Split from lifecycle-attack.ts
// at s26 (one concept per file); the scenarios they make are unchanged by the move.
import fc from 'fast-check';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { IsolationProp } from '../alphabet/policy';
import type { DipcImplMachine } from '../impl/dipc/machine';
import { argsArb, bootOf } from './security-atoms';
import { type KeptStackAttack, keptStackAttackArb } from './timeout-attack';

/** The process a walk starts from (the start-th of those that boot with a thread) and its first thread; null when none has one. */
export const homeOf = (b: ReturnType<typeof bootOf>, start: number): { home: number; t: number } | null => {
  const starts = Array.from({ length: b.n }, (_, p) => p).filter((p) => b.firstThread[p] >= 0);
  if (starts.length === 0) return null;
  const home = starts[start % starts.length];
  return { home, t: b.firstThread[home] };
};

/**
 * A walk down imports that resolve, each into a process not yet on the chain, from the
 * first thread of a process that has one: the thread, the imports called (by index in the
 * caller) and the processes on the chain, home first. Null when no process has a thread.
 */
export const walkChain = (cfg: DipcConfig, start: number, steps: readonly number[]): { t: number; calls: number[]; chain: number[] } | null => {
  const b = bootOf(cfg);
  const at = homeOf(b, start);
  if (at === null) return null;
  const { home } = at;
  const calls: number[] = [];
  const chain: number[] = [home];
  for (const step of steps) {
    const ims = b.imports(chain[chain.length - 1]).filter((im) => im.matches && !chain.includes(im.callee));
    if (ims.length === 0) break;
    const im = ims[step % ims.length];
    calls.push(im.index);
    chain.push(im.callee);
  }
  return { t: b.firstThread[home], calls, chain };
};

/**
 * A fault deep in a chain (§5.2.1 "unwinding", DESIGN §11): a walk into processes not yet on
 * the chain whose imports are steered to ask for DCS and stack integrity (so each call moves
 * the DCS base and the stack the kernel hands out), the innermost callee faults, and the
 * home thread, resumed with the error, calls down its first import again (and returns): the
 * kernel must have put back every base and capability the unwound frames changed.
 */
export interface FaultWalk {
  readonly k: 'faultWalk';
  readonly start: number;
  readonly steps: readonly number[];
  readonly args: readonly number[];
  readonly steer: readonly IsolationProp[];
  readonly again: number;
  readonly ret: boolean;
}

export const faultWalkArb: fc.Arbitrary<FaultWalk> = fc.record({
  k: fc.constant('faultWalk' as const),
  start: fc.nat(),
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  args: argsArb,
  steer: fc.constantFrom<IsolationProp[]>(['dcsInt'], ['dcsInt'], ['stackInt'], ['dcsInt', 'stackInt'], []),
  again: fc.integer({ min: 1, max: 2 }),
  ret: fc.boolean(),
});

/** The config with import k of process p asking for `add` as well. */
const withImportPolicy = (cfg: DipcConfig, p: number, k: number, add: readonly IsolationProp[]): DipcConfig => ({
  ...cfg,
  processes: cfg.processes.map((pc, pid) =>
    pid === p ? { ...pc, imports: pc.imports!.map((x, j) => (j === k ? { ...x, policy: [...x.policy, ...add.filter((a) => !x.policy.includes(a))] } : x)) } : pc),
});

export const wireFaultWalk = (cfg: DipcConfig, w: FaultWalk): { config: DipcConfig; ops: DipcOp[] } => {
  const walk = walkChain(cfg, w.start, w.steps);
  if (walk === null || walk.calls.length === 0) return { config: cfg, ops: [] };
  const { t, calls, chain } = walk;
  // Steering a policy changes no import's callee, so the walk stays the same walk.
  const config = calls.reduce((c, i, k) => withImportPolicy(c, chain[k], i, w.steer), cfg);
  const again: DipcOp[] = Array.from({ length: w.again }, (): DipcOp => ({ op: 'stub_call', t, i: calls[0], args: [...w.args] }));
  return {
    config,
    ops: [
      ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
      { op: 'fault', t },
      ...again,
      ...(w.ret ? [{ op: 'stub_return', t, results: [...w.args] } as DipcOp] : []),
    ],
  };
};

/** The time-out attack on the split callee's stack (gen/timeout-attack.ts, §5.4), at the head of the trace. */
export interface KeptStack {
  readonly k: 'keptStack';
  readonly w: KeptStackAttack;
}
export const keptStackArb: fc.Arbitrary<KeptStack> = keptStackAttackArb.map((w) => ({ k: 'keptStack' as const, w: { ...w, at: 0 } }));

/**
 * A proxy entered inside (§5.2.3, DESIGN §4: a proxy is kernel code entered only at its
 * first instruction or its return path; every other word traps): a thread back from a
 * call that returned or whose callee was killed (the call made the proxy) jumps to (or
 * calls) a word inside a proxy other than those two, read from the running system.
 */
export interface ProxyInterior {
  readonly k: 'proxyInterior';
  readonly start: number;
  readonly imp: number;
  readonly before: 'return' | 'kill';
  readonly pick: number;
  readonly o: number;
  readonly op: 'jump' | 'call';
}
export const proxyInteriorArb: fc.Arbitrary<ProxyInterior> = fc.record({
  k: fc.constant('proxyInterior' as const),
  start: fc.nat(),
  imp: fc.nat(),
  before: fc.constantFrom('return' as const, 'kill' as const),
  pick: fc.nat(),
  o: fc.integer({ min: 1, max: 3 }),
  op: fc.constantFrom('jump' as const, 'call' as const),
});

export const wireProxyInterior = (m: DipcImplMachine, cfg: DipcConfig, w: ProxyInterior, step: (op: DipcOp) => void): void => {
  const b = bootOf(cfg);
  const at = homeOf(b, w.start);
  if (at === null) return;
  const { home, t } = at;
  const ims = b.imports(home).filter((im) => im.matches && im.callee !== home);
  if (ims.length > 0) {
    const im = ims[w.imp % ims.length];
    step({ op: 'stub_call', t, i: im.index, args: [] });
    step(w.before === 'kill' ? { op: 'kill', pid: im.callee } : { op: 'stub_return', t, results: [] });
  }
  const proxies = m.entries.proxies;
  if (proxies.length === 0) return;
  const x = proxies[w.pick % proxies.length];
  // Call permission reaches aligned words only (C2): the words inside are taken at the entry alignment.
  const align = Math.max(1, cfg.entryAlign);
  const a = x.address + w.o * align === x.returnPath ? x.address + (w.o + 1) * align : x.address + w.o * align;
  step({ op: w.op, t, a: { k: 'abs', a } });
};

/**
 * A kill in a chain that comes back (§5.2.1: a kill unwinds each thread to "the oldest
 * calling domain still alive"): a walk down imports that resolve, now allowed to re-enter a
 * process already on the chain (A -> B -> A -> B), then a kill of a process on it, one that
 * is on it twice when there is one, and the resumed thread returns.
 */
export interface ReentryKill {
  readonly k: 'reentryKill';
  readonly start: number;
  readonly steps: readonly number[];
  readonly pick: number;
  readonly ret: boolean;
}
export const reentryKillArb: fc.Arbitrary<ReentryKill> = fc.record({
  k: fc.constant('reentryKill' as const),
  start: fc.nat(),
  steps: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
  pick: fc.nat(),
  ret: fc.boolean(),
});

export const wireReentryKill = (cfg: DipcConfig, w: ReentryKill): DipcOp[] => {
  const b = bootOf(cfg);
  const at = homeOf(b, w.start);
  if (at === null) return [];
  const { t } = at;
  const chain = [at.home];
  const ops: DipcOp[] = [];
  for (const step of w.steps) {
    const ims = b.imports(chain[chain.length - 1]).filter((im) => im.matches);
    if (ims.length === 0) break;
    const im = ims[step % ims.length];
    ops.push({ op: 'stub_call', t, i: im.index, args: [] });
    chain.push(im.callee);
  }
  if (ops.length === 0) return [];
  const twice = chain.filter((p, i) => chain.indexOf(p) !== i);
  const victims = twice.length > 0 ? twice : chain;
  return [...ops, { op: 'kill', pid: victims[w.pick % victims.length] }, ...(w.ret ? [{ op: 'stub_return', t, results: [] } as DipcOp] : [])];
};
