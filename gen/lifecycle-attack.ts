// Attacks on the lifecycle of calls and authority for the dIPC layer's own properties (UNW,
// TMO, REF.dipc), aimed with the config as the security suites' walks are (the swarm
// strategy's attack-first traces, gen/strategies.ts):
//  - authority outlives its maker (§5.2.1, §5.2.2, Table 2): a thread makes a domain (or
//    registers an entry of its default domain), sends the handle to another process, its
//    own process is killed, and the receiver uses the handle (copies it, grants with it,
//    maps pages, registers or requests entries through it): a dead process's domains and
//    entries must be unusable;
//  - a time-out mid-chain (§5.4): a thread calls down a chain of imports that resolve, each
//    into a process not yet on the chain (a call back into one is never split); the
//    innermost call times out, then the split-off thread and the caller go on and return,
//    perhaps with a kill racing them. In half the walks the time-out is aimed at §5.4's
//    precondition (splitting needs the callee on a stack of its own): the thread first
//    enters process p by a direct import that switches stacks (so the kernel gives it a
//    stack there) and returns, then reaches p again through another process by a call
//    that does not switch stacks, and that call times out, which must be refused. The two
//    imports are steered (stackConf added to the first, taken off the second's import and
//    export), as gen/timeout-attack.ts steers its call; without such a chain in the config,
//    only the innermost call of the walk is steered not to switch.
// The attacks that follow a call chain added at s26 (a fault deep in it, the kept-stack
// time-out, a proxy entered inside, a kill in a chain that comes back) are in
// gen/lifecycle-chains.ts. The ops are plain data once wired, like every other trace.
import fc from 'fast-check';
import { STACK_CAP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp, Syscall } from '../alphabet/dipc-ops';
import type { IsolationProp } from '../alphabet/policy';
import { resolveIndex } from '../alphabet/resolve';
import { DIPC_BOUNDS } from './dipc-bounds';
import { dipcConfigArb } from './dipc-config';
import { dipcTraceArb, signatureArb, policyArb } from './dipc-ops';
import type { DipcScenario } from './dipc-scenario';
import { argsArb, bootOf } from './security-atoms';
import { steerKeptStack } from './timeout-attack';
import { DipcImplMachine } from '../impl/dipc/machine';
import { type FaultWalk, faultWalkArb, homeOf, type KeptStack, keptStackArb, type ProxyInterior, proxyInteriorArb, type ReentryKill, reentryKillArb, walkChain, wireFaultWalk, wireProxyInterior, wireReentryKill } from './lifecycle-chains';


interface OutlivesAttack {
  readonly k: 'outlives';
  readonly maker: number;
  readonly receiver: number;
  readonly entry: boolean;
  /** Uses of the received handle by the receiver, before (at most one) and after the kill. */
  readonly before: boolean;
  readonly uses: readonly Syscall[];
}

/** What a receiver does with the newest handle it holds (index -1). */
const handleUseArb: fc.Arbitrary<Syscall> = fc.oneof(
  fc.record({ k: fc.constant('grant_create' as const), src: fc.constantFrom(-1, 0), dst: fc.constantFrom(-1, 0) }),
  fc.record({ k: fc.constant('dom_copy' as const), h: fc.constant(-1), perm: fc.constantFrom('owner' as const, 'write' as const, 'read' as const, 'call' as const) }),
  fc.record({ k: fc.constant('dom_mmap' as const), h: fc.constant(-1), n: fc.integer({ min: 1, max: 2 }), prot: fc.record({ r: fc.constant(true), w: fc.boolean(), x: fc.constant(false) }) }),
  fc.record({ k: fc.constant('entry_register' as const), h: fc.constant(-1), entries: fc.array(fc.record({ a: fc.constant({ k: 'code' as const, i: 0, o: 0 }), sig: signatureArb, policy: policyArb }), { minLength: 1, maxLength: 1 }) }),
  fc.record({ k: fc.constant('entry_request' as const), e: fc.constant(-1), entries: fc.array(fc.record({ sig: signatureArb, policy: policyArb }), { minLength: 1, maxLength: 1 }) }),
  fc.record({ k: fc.constant('handle_send' as const), h: fc.constant(-1), pid: fc.integer({ min: 0, max: 3 }) }),
);

const outlivesArb: fc.Arbitrary<OutlivesAttack> = fc.record({
  k: fc.constant('outlives' as const),
  maker: fc.nat(),
  receiver: fc.nat(),
  entry: fc.boolean(),
  before: fc.boolean(),
  uses: fc.array(handleUseArb, { minLength: 1, maxLength: 2 }),
});

const wireOutlives = (cfg: DipcConfig, w: OutlivesAttack): DipcOp[] => {
  const b = bootOf(cfg);
  const withThread = Array.from({ length: b.n }, (_, p) => p).filter((p) => b.firstThread[p] >= 0);
  if (withThread.length < 2) return [];
  const maker = withThread[w.maker % withThread.length];
  const others = withThread.filter((p) => p !== maker);
  const receiver = others[w.receiver % others.length];
  const tm = b.firstThread[maker];
  const tr = b.firstThread[receiver];
  const made: DipcOp[] = w.entry
    ? [
        { op: 'syscall', t: tm, call: { k: 'dom_default' } },
        { op: 'syscall', t: tm, call: { k: 'entry_register', h: -1, entries: [{ a: { k: 'code', i: 0, o: 0 }, sig: { inRegs: 2, outRegs: 1, stackWords: 0, dcsArgs: 0 }, policy: [] }] } },
      ]
    : [{ op: 'syscall', t: tm, call: { k: 'dom_create' } }];
  const use = (c: Syscall): DipcOp => ({ op: 'syscall', t: tr, call: c });
  return [
    ...made,
    { op: 'syscall', t: tm, call: { k: 'handle_send', h: -1, pid: receiver } },
    ...(w.before ? [use(w.uses[0])] : []),
    { op: 'kill', pid: maker },
    ...w.uses.map(use),
  ];
};

interface TimeoutWalk {
  readonly k: 'timeoutWalk';
  readonly start: number;
  readonly steps: readonly number[];
  readonly args: readonly number[];
  /** After the time-out: returns of the split-off thread (the newest) and the caller, a kill racing them. */
  readonly after: readonly ('split' | 'caller' | 'kill')[];
  readonly pid: number;
  /** Aimed at §5.4's precondition for splitting: the timed-out call steered not to switch stacks, into a process where the thread has a stack (see the top). */
  readonly noSwitch: boolean;
}

const timeoutWalkArb: fc.Arbitrary<TimeoutWalk> = fc.record({
  k: fc.constant('timeoutWalk' as const),
  start: fc.nat(),
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  args: argsArb,
  after: fc.array(fc.constantFrom('split' as const, 'caller' as const, 'kill' as const), { maxLength: 3 }),
  pid: fc.nat(),
  noSwitch: fc.boolean(),
});

/** Chains home -> x -> p where home also imports p directly (import d): the re-entry a steered time-out walk aims at. */
const reentryChains = (cfg: DipcConfig): { home: number; calls: number[]; d: number }[] => {
  const b = bootOf(cfg);
  const out: { home: number; calls: number[]; d: number }[] = [];
  for (let home = 0; home < b.n; home++) {
    if (b.firstThread[home] < 0) continue;
    const ims = b.imports(home).filter((im) => im.matches && im.callee !== home);
    for (const a of ims)
      for (const c of b.imports(a.callee).filter((im) => im.matches && im.callee !== home && im.callee !== a.callee))
        for (const d of ims.filter((im) => im.callee === c.callee && im.index !== a.index)) out.push({ home, calls: [a.index, c.index], d: d.index });
  }
  return out;
};

const wireTimeoutWalk = (cfg: DipcConfig, w: TimeoutWalk): { config: DipcConfig; ops: DipcOp[] } => {
  const b = bootOf(cfg);
  const re = w.noSwitch ? reentryChains(cfg) : [];
  if (re.length > 0) {
    const { home, calls, d } = re[w.start % re.length];
    const t = b.firstThread[home];
    const x = b.imports(home)[calls[0]].callee;
    const ops: DipcOp[] = [
      { op: 'stub_call', t, i: d, args: [...w.args] },
      { op: 'stub_return', t, results: [...w.args] },
      ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
      { op: 'timeout', t },
      ...w.after.map((a): DipcOp => (a === 'kill' ? { op: 'kill', pid: [home, x][w.pid % 2] } : { op: 'stub_return', t: a === 'split' ? -1 : t, results: [...w.args] })),
    ];
    return { config: withStackSwitch(withoutStackSwitch(cfg, x, calls[1]), home, d), ops };
  }
  const at = homeOf(b, w.start);
  if (at === null) return { config: cfg, ops: [] };
  const { home, t } = at;
  const calls: number[] = [];
  const chain: number[] = [home];
  let cur = home;
  // Into processes not yet on the chain: a call back into one (the home among them) is
  // never split, so the time-out would test nothing but that.
  for (const step of w.steps) {
    const ims = b.imports(cur).filter((im) => im.matches && !chain.includes(im.callee));
    if (ims.length === 0) break;
    const im = ims[step % ims.length];
    calls.push(im.index);
    cur = im.callee;
    chain.push(cur);
  }
  if (calls.length === 0) return { config: cfg, ops: [] };
  const ops: DipcOp[] = [
    ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
    { op: 'timeout', t },
    ...w.after.map((a): DipcOp =>
      a === 'kill' ? { op: 'kill', pid: chain[w.pid % chain.length] } : { op: 'stub_return', t: a === 'split' ? -1 : t, results: [...w.args] }),
  ];
  if (!w.noSwitch) return { config: cfg, ops };
  const steered = withoutStackSwitch(cfg, chain[chain.length - 2], calls[calls.length - 1]);
  // The kernel gives a thread its stack in a process at the first call into it that switches
  // stacks: where home also imports the innermost callee directly, that import is made to
  // switch and called (and returned from) first, so the thread has a stack there that the
  // time-out could wrongly hand to the split callee.
  const p = chain[chain.length - 1];
  const direct = calls.length >= 2 ? b.imports(home).find((im) => im.matches && im.callee === p && im.index !== calls[0]) : undefined;
  if (direct === undefined) return { config: steered, ops };
  const primer: DipcOp[] = [{ op: 'stub_call', t, i: direct.index, args: [...w.args] }, { op: 'stub_return', t, results: [...w.args] }];
  return { config: withStackSwitch(steered, home, direct.index), ops: [...primer, ...ops] };
};

/** The config with import k of process p asking for a stack switch (stackConf). */
const withStackSwitch = (cfg: DipcConfig, p: number, k: number): DipcConfig => ({
  ...cfg,
  processes: cfg.processes.map((pc, pid) =>
    pid === p ? { ...pc, imports: pc.imports!.map((x, j) => (j === k && !x.policy.includes('stackConf') ? { ...x, policy: [...x.policy, 'stackConf' as const] } : x)) } : pc),
});

/** The config with import k of process p, and the export it resolves to, asking no stack switch (no stackConf on either side). */
const withoutStackSwitch = (cfg: DipcConfig, p: number, k: number): DipcConfig => {
  const n = Math.min(cfg.processes.length, cfg.maxProcesses);
  const im = cfg.processes[p].imports![k];
  const callee = resolveIndex(im.from, n);
  const ex = resolveIndex(im.export, cfg.processes[callee].exports!.length);
  const drop = (pol: readonly IsolationProp[]) => pol.filter((x) => x !== 'stackConf');
  return {
    ...cfg,
    processes: cfg.processes.map((pc, pid) => ({
      ...pc,
      imports: pid === p ? pc.imports!.map((x, j) => (j === k ? { ...x, policy: drop(x.policy) } : x)) : pc.imports,
      exports: pid === callee ? pc.exports!.map((x, j) => (j === ex ? { ...x, policy: drop(x.policy) } : x)) : pc.exports,
    })),
  };
};

/**
 * Unwinding past a call that did not switch stacks into a deeper one that did (§5.2.1,
 * DESIGN §11): a walk into processes not yet on the chain whose first call is steered not to
 * switch stacks and whose innermost call is steered to switch; then a process on the chain
 * past the home is killed, and the resumed thread uses c7 (the stack the kernel must have
 * given back). Two calls deep at least; a shorter walk gives no ops.
 */
interface KillWalk {
  readonly k: 'killWalk';
  readonly start: number;
  readonly steps: readonly number[];
  readonly args: readonly number[];
  readonly pid: number;
  /** Word offsets from c7's base the resumed thread loads. */
  readonly reads: readonly number[];
}

const killWalkArb: fc.Arbitrary<KillWalk> = fc.record({
  k: fc.constant('killWalk' as const),
  start: fc.nat(),
  steps: fc.array(fc.nat(), { minLength: 2, maxLength: 3 }),
  args: argsArb,
  pid: fc.nat(),
  reads: fc.array(fc.nat({ max: 15 }), { maxLength: 2 }),
});

const wireKillWalk = (cfg: DipcConfig, w: KillWalk): { config: DipcConfig; ops: DipcOp[] } => {
  const walk = walkChain(cfg, w.start, w.steps);
  if (walk === null) return { config: cfg, ops: [] };
  const { t, calls, chain } = walk;
  if (calls.length < 2) return { config: cfg, ops: [] };
  const config = withStackSwitch(withoutStackSwitch(cfg, chain[0], calls[0]), chain[chain.length - 2], calls[calls.length - 1]);
  const ops: DipcOp[] = [
    ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
    { op: 'kill', pid: chain[1 + (w.pid % (chain.length - 1))] },
    ...w.reads.map((o, r): DipcOp => ({ op: 'load', t, r: r + 1, a: { k: 'capBase', c: STACK_CAP, o } })),
  ];
  return { config, ops };
};

/**
 * A handle copied down, then up (Table 2: dom_copy only downgrades, perm <= h.perm): a
 * thread makes or takes a domain handle, copies it with a lower permission, and copies the
 * copy asking a higher one; half the time the lowered copy is sent to another process first
 * and the receiver asks for the upgrade.
 */
interface CopyUpgrade {
  readonly k: 'copyUpgrade';
  readonly p: number;
  readonly create: boolean;
  readonly low: 'write' | 'read' | 'call';
  readonly high: 'owner' | 'write';
  readonly send: boolean;
}

const copyUpgradeArb: fc.Arbitrary<CopyUpgrade> = fc.record({
  k: fc.constant('copyUpgrade' as const),
  p: fc.nat(),
  create: fc.boolean(),
  low: fc.constantFrom('write' as const, 'read' as const, 'call' as const),
  high: fc.constantFrom('owner' as const, 'write' as const),
  send: fc.boolean(),
});

const wireCopyUpgrade = (cfg: DipcConfig, w: CopyUpgrade): DipcOp[] => {
  const b = bootOf(cfg);
  const withThread = Array.from({ length: b.n }, (_, p) => p).filter((p) => b.firstThread[p] >= 0);
  if (withThread.length === 0) return [];
  const maker = withThread[w.p % withThread.length];
  const receiver = withThread[(w.p + 1) % withThread.length];
  const sc = (p: number, call: Syscall): DipcOp => ({ op: 'syscall', t: b.firstThread[p], call });
  const sent = w.send && receiver !== maker;
  return [
    sc(maker, w.create ? { k: 'dom_create' } : { k: 'dom_default' }),
    sc(maker, { k: 'dom_copy', h: -1, perm: w.low }),
    ...(sent ? [sc(maker, { k: 'handle_send', h: -1, pid: receiver })] : []),
    sc(sent ? receiver : maker, { k: 'dom_copy', h: -1, perm: w.high }),
  ];
};

/**
 * Freed blocks reused (§6.1.3): a process is killed, or a thread execs, and then spawns and
 * execs follow, each of which must get a block no live process owns.
 */
interface BlockReuse {
  readonly k: 'blockReuse';
  readonly victim: number;
  readonly actor: number;
  readonly kill: boolean;
  readonly then: readonly ('spawn' | 'exec')[];
}

const blockReuseArb: fc.Arbitrary<BlockReuse> = fc.record({
  k: fc.constant('blockReuse' as const),
  victim: fc.nat(),
  actor: fc.nat(),
  kill: fc.boolean(),
  then: fc.array(fc.constantFrom('spawn' as const, 'exec' as const), { minLength: 1, maxLength: 3 }),
});

const wireBlockReuse = (cfg: DipcConfig, w: BlockReuse): DipcOp[] => {
  const b = bootOf(cfg);
  const withThread = Array.from({ length: b.n }, (_, p) => p).filter((p) => b.firstThread[p] >= 0);
  if (withThread.length === 0) return [];
  const victim = w.victim % b.n;
  const actors = withThread.filter((p) => p !== victim);
  const actor = actors.length === 0 ? withThread[w.actor % withThread.length] : actors[w.actor % actors.length];
  const t = b.firstThread[actor];
  return [
    w.kill && victim !== actor ? { op: 'kill', pid: victim } : { op: 'syscall', t, call: { k: 'exec' } },
    ...w.then.map((k): DipcOp => ({ op: 'syscall', t, call: k === 'spawn' ? { k: 'spawn', honest: false } : { k: 'exec' } })),
  ];
};


export type LifecycleChunk = OutlivesAttack | TimeoutWalk | KillWalk | CopyUpgrade | BlockReuse | FaultWalk | KeptStack | ProxyInterior | ReentryKill;

const lifecycleArb: fc.Arbitrary<LifecycleChunk> = fc.oneof(outlivesArb, timeoutWalkArb, killWalkArb, copyUpgradeArb, blockReuseArb, faultWalkArb, keptStackArb, proxyInteriorArb, reentryKillArb);

/**
 * Attack first for the dIPC layer's own properties: one or two lifecycle attacks aimed at
 * the boot state, then random dIPC ops, at most maxOps in all.
 */
export const lifecycleScenarioArb = (maxOps: number, attacks: fc.Arbitrary<LifecycleChunk> = lifecycleArb): fc.Arbitrary<DipcScenario> =>
  fc
    .tuple(dipcConfigArb(DIPC_BOUNDS), fc.array(attacks, { minLength: 1, maxLength: 2 }), dipcTraceArb(maxOps))
    .map(([config0, attacks, tail]) => {
      let config = config0;
      const ops: DipcOp[] = [];
      for (const a of attacks) {
        if (a.k === 'outlives') ops.push(...wireOutlives(config, a));
        else if (a.k === 'copyUpgrade') ops.push(...wireCopyUpgrade(config, a));
        else if (a.k === 'blockReuse') ops.push(...wireBlockReuse(config, a));
        else if (a.k === 'reentryKill') ops.push(...wireReentryKill(config, a));
        else if (a.k === 'proxyInterior') {
          const m = new DipcImplMachine(config);
          for (const op of ops) m.step(op);
          wireProxyInterior(m, config, a, (op) => {
            ops.push(op);
            m.step(op);
          });
        } else if (a.k === 'keptStack') {
          const r = steerKeptStack(config, [], a.w);
          config = r.config;
          ops.push(...r.ops);
        } else {
          const r = a.k === 'killWalk' ? wireKillWalk(config, a) : a.k === 'faultWalk' ? wireFaultWalk(config, a) : wireTimeoutWalk(config, a);
          config = r.config;
          ops.push(...r.ops);
        }
      }
      return { config, ops: [...ops, ...tail].slice(0, maxOps) };
    });
