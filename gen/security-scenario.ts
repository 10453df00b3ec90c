// Scenarios for the security suites (issue 5, DESIGN §7): honest and adversarial processes
// side by side, and traces where an adversary gets hold of a call. Process 0 is always
// honest and process 1 always adversarial (the others are random), so every scenario has a
// victim and an attacker. Besides the dIPC trace generator's ops, traces carry attacks:
//  - an honest thread calls an import (perhaps into the adversary), and while it is away the
//    adversary runs raw instructions on it: loads and stores around sp, over the stack and
//    argument capabilities' bounds (c7, c5) and the DCS arguments (c0, c1), DCS pops,
//    returns to arbitrary stack words, jumps into proxies (first instruction, middle,
//    return paths), then returns or lets the honest stub return;
//  - a second thread of the caller's process writes into the buffers a call passed by
//    reference while the call is in flight (ARG-IMM's concurrent writer);
//  - a callee (perhaps under nested calls, so that its honest caller has frames on its
//    stack) overwrites registers and the words at the edges of the stack-integrity
//    capabilities c5 and c7, then returns normally (ARG-REG-INT, ARG-STACK-INT);
//  - a callee returns through another proxy's return path (P3);
//  - entry_request with a signature that differs from the registered one in one field (P4).
// Two patterns are aimed with the scenario's config (`wire` resolves them once the config is
// known, so both shrink as data): the nested calls that give an honest caller frames, and
// the concurrent writer of a call into an honest callee with argument copy. Without such
// calls in the config they fall back to their unaimed forms.
import fc from 'fast-check';
import { ARGS_CAP, RET_CAP, SP, STACK_CAP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { AddrSel } from '../alphabet/address';
import { effectivePolicy, type IsolationProp, sameSignature, type Signature } from '../alphabet/policy';
import { resolveIndex } from '../alphabet/resolve';
import { DIPC_BOUNDS } from './dipc-bounds';
import { dipcConfigArb } from './dipc-config';
import { dipcTraceArb, policyArb, signatureArb } from './dipc-ops';
import type { DipcScenario } from './dipc-scenario';

/** Process 0 honest, process 1 adversarial: every scenario has a victim and an attacker. */
export const securityConfigArb: fc.Arbitrary<DipcConfig> = dipcConfigArb(DIPC_BOUNDS).map((cfg) => ({
  ...cfg,
  processes: cfg.processes.map((p, pid) => (pid === 0 ? { ...p, honest: true } : pid === 1 ? { ...p, honest: false } : p)),
}));

const thread = fc.integer({ min: 0, max: 7 });
const reg = fc.integer({ min: 0, max: 7 });

/** Addresses an adversary aims at: around sp, the stack and argument capabilities' edges, DCS arguments, proxies. */
const attackAddr: fc.Arbitrary<AddrSel> = fc.oneof(
  fc.record({ k: fc.constant('stack' as const), o: fc.integer({ min: -2, max: 10 }) }),
  fc.record({ k: fc.constant('capEnd' as const), c: fc.constantFrom(STACK_CAP, ARGS_CAP, 0, 1), o: fc.integer({ min: -2, max: 1 }) }),
  fc.record({ k: fc.constant('capBase' as const), c: fc.constantFrom(STACK_CAP, ARGS_CAP, 0, 1), o: fc.integer({ min: -1, max: 3 }) }),
  fc.record({ k: fc.constant('reg' as const), r: reg, o: fc.integer({ min: -1, max: 1 }) }),
);

/** Control targets: a word on the stack (a saved return address?), proxies of low tags at their start, middle or return path. */
const attackTarget: fc.Arbitrary<AddrSel> = fc.oneof(
  fc.record({ k: fc.constant('abs' as const), a: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ k: fc.constant('entry' as const), d: fc.integer({ min: 1, max: 12 }), i: fc.integer({ min: 0, max: 3 }), o: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ k: fc.constant('reg' as const), r: reg, o: fc.constant(0) }),
);

const attackOp = (t: number): fc.Arbitrary<DipcOp> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('load' as const), t: fc.constant(t), r: reg, a: attackAddr }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('store' as const), t: fc.constant(t), r: reg, a: attackAddr }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('li' as const), t: fc.constant(t), r: reg, v: fc.integer({ min: -2, max: 60 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('li' as const), t: fc.constant(t), r: fc.constant(SP), v: fc.integer({ min: 0, max: 400 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('cap_pop' as const), t: fc.constant(t), c: fc.integer({ min: 0, max: 4 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('cap_push' as const), t: fc.constant(t), c: fc.integer({ min: 0, max: 7 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('ret' as const), t: fc.constant(t) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constantFrom('jump' as const, 'call' as const), t: fc.constant(t), a: attackTarget }) },
  );

const argsArb = fc.array(fc.integer({ min: -5, max: 99 }), { minLength: 0, maxLength: 8 });

/** An honest thread calls; the adversary (if the callee is one) acts on the thread; the call returns. */
export const adversaryInCallPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ t: thread, i: fc.integer({ min: 0, max: 3 }), args: argsArb, results: argsArb, n: fc.integer({ min: 0, max: 5 }), end: fc.constantFrom('ret', 'stub_return', 'none') })
  .chain(({ t, i, args, results, n, end }) =>
    fc.array(attackOp(t), { minLength: n, maxLength: n }).map((attack): DipcOp[] => [
      { op: 'stub_call', t, i, args },
      ...attack,
      ...(end === 'ret' ? [{ op: 'ret' as const, t }] : end === 'stub_return' ? [{ op: 'stub_return' as const, t, results }] : []),
    ]),
  );

/** A call in flight on thread t while thread w writes into the buffers it passed (and the callee returns). */
export const concurrentWriterPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({
    t: thread, w: fc.oneof(thread, fc.constant(-1)), i: fc.integer({ min: 0, max: 3 }), args: argsArb, results: argsArb, v: fc.integer({ min: 1, max: 50 }),
    // The caller's first data page follows its 1 or 2 code pages; the buffers are its first words (4 each).
    o: fc.tuple(fc.constantFrom(16, 32), fc.integer({ min: 0, max: 7 })).map(([p, w]) => p + w),
  })
  .map(({ t, w: w0, i, args, results, v, o }): DipcOp[] => {
    // -1: the thread after t, most often a sibling in the same process.
    const w = w0 < 0 ? t + 1 : w0;
    return [
    { op: 'stub_call', t, i, args },
    { op: 'li', t: w, r: 2, v },
    { op: 'store', t: w, r: 2, a: { k: 'code', i: 0, o } },
    { op: 'stub_return', t, results },
    ];
  });

/** An adversary grants its default domain access to some domain (handle or not) and touches it. */
export const grabPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ t: thread, k: fc.integer({ min: 0, max: 6 }), i: fc.integer({ min: 0, max: 3 }), o: fc.integer({ min: 0, max: 3 }), store: fc.boolean() })
  .map(({ t, k, i, o, store }): DipcOp[] => [
    { op: 'syscall', t, call: { k: 'dom_default' } },
    { op: 'syscall', t, call: { k: 'grant_create', src: -1, dst: k } },
    { op: store ? 'store' : 'load', t, r: 1, a: { k: 'entry', d: k, i, o } },
  ]);

/**
 * Where a callee stores to test the caller stub's stack integrity: the last word of c7 (the
 * unused area below sp) and of c5 (the in-stack arguments), which the callee may write, so
 * the store succeeds and the call goes on to return; less often just past them, or a word
 * above the callee's sp (the return address, the arguments, saved registers, frames).
 */
const edgeAddr: fc.Arbitrary<AddrSel> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('capEnd' as const), c: fc.constantFrom(STACK_CAP, ARGS_CAP), o: fc.constant(-1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('capEnd' as const), c: fc.constantFrom(STACK_CAP, ARGS_CAP), o: fc.constantFrom(0, 1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('stack' as const), o: fc.integer({ min: 1, max: 6 }) }) },
);

/** One callee's misbehaviour before it returns normally, as data (the thread is filled in when it is known). */
interface EdgeLevel {
  readonly r: number;
  readonly v: number;
  readonly clobber: readonly number[];
  readonly store: AddrSel | undefined;
  readonly end: 'ret' | 'stub_return';
  readonly results: readonly number[];
}

const edgeLevelArb: fc.Arbitrary<EdgeLevel> = fc.record({
  r: fc.integer({ min: 0, max: 6 }),
  v: fc.integer({ min: 61, max: 99 }),
  clobber: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
  store: fc.option(edgeAddr, { freq: 4, nil: undefined }),
  end: fc.constantFrom('ret' as const, 'stub_return' as const),
  results: argsArb,
});

/** Set registers (distinctive values), store one over an edge, return; an honest callee only returns (through its stub). */
const edgeLevelOps = (t: number, l: EdgeLevel, honest = false): DipcOp[] =>
  honest
    ? [{ op: 'stub_return', t, results: [...l.results] }]
    : [
        { op: 'li', t, r: l.r, v: l.v },
        ...l.clobber.map((c, k): DipcOp => ({ op: 'li', t, r: c, v: l.v - 1 - k })),
        ...(l.store === undefined ? [] : [{ op: 'store' as const, t, r: l.r, a: l.store }]),
        l.end === 'ret' ? { op: 'ret', t } : { op: 'stub_return', t, results: [...l.results] },
      ];

/**
 * Nested calls on one thread (so that an honest caller further in has frames on its stack:
 * A -> B -> A -> C, or an adversary's call into an honest process that switches stacks),
 * then, on the way back out, each callee sets registers (distinctive values), stores one
 * over the edges of c5 and c7, and returns normally by `ret` or through the honest stub
 * (ARG-REG-INT, ARG-STACK-INT). An honest callee ignores the raw instructions.
 */
export const calleeEdgePattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ t: thread, calls: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }), args: argsArb, levels: fc.array(edgeLevelArb, { minLength: 3, maxLength: 3 }) })
  .map(({ t, calls, args, levels }): DipcOp[] => [
    ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args })),
    ...levels.slice(0, calls.length).flatMap((l) => edgeLevelOps(t, l)),
  ]);

/**
 * calleeEdgePattern aimed with the config (resolved by `wire`): the nested calls are chosen
 * so that an honest process calls an adversary while it has frames on a stack of its own
 * and its import asks for its frames protected (stackConf, or stackInt with the DCS
 * protected): an adversary's thread calls the honest process with a stack switch and it
 * calls an adversary (A -> H -> B), or the honest process's thread calls an adversary that
 * calls it back and it calls an adversary (H -> A -> H -> B). Then each callee misbehaves
 * and returns, innermost first.
 */
export interface FramesAttack {
  /** 'dcsGrab': the innermost adversary pops the DCS down to the whole-stack capability parked there and writes through it. */
  readonly k: 'framesAttack' | 'dcsGrab';
  readonly pick: number;
  readonly args: readonly number[];
  readonly levels: readonly EdgeLevel[];
}

export const framesAttackPattern: fc.Arbitrary<FramesAttack> = fc.record({
  k: fc.constant('framesAttack' as const),
  pick: fc.nat(),
  args: argsArb,
  levels: fc.array(edgeLevelArb, { minLength: 3, maxLength: 3 }),
});

/**
 * framesAttackPattern against stack integrity without DCS protection (DESIGN §10's
 * interplay): the chain ends in an import whose caller asks for stackInt and whose DCS is
 * not protected, and the innermost adversary pops its DCS arguments and the whole-stack
 * capability the caller stub parked under them, then stores at its last word (the caller's
 * frames) and returns.
 */
export const dcsGrabPattern: fc.Arbitrary<FramesAttack> = framesAttackPattern.map((w) => ({ ...w, k: 'dcsGrab' as const }));

/** An import as boot will wire it: its callee, whether entry_request will match, the proxy's effective policy. */
interface WiredImport {
  readonly index: number;
  readonly callee: number;
  readonly matches: boolean;
  readonly policy: readonly IsolationProp[];
  /** The caller's own policy (what its stub implements). */
  readonly callerPolicy: readonly IsolationProp[];
  readonly sig: Signature;
}

/** What boot makes of a config, as far as the wired patterns need it (processes past maxProcesses do not boot). */
const bootOf = (cfg: DipcConfig) => {
  const n = Math.min(cfg.processes.length, cfg.maxProcesses);
  const firstThread: number[] = [];
  let next = 0;
  for (let p = 0; p < n; p++) {
    const k = cfg.processes[p].threads;
    firstThread.push(k > 0 && next < cfg.maxThreads ? next : -1);
    next += k;
  }
  const imports = (p: number): WiredImport[] =>
    (cfg.processes[p].imports ?? []).map((im, index) => {
      const callee = resolveIndex(im.from, n);
      const exps = cfg.processes[callee]?.exports ?? [];
      const ex = exps.length === 0 ? undefined : exps[resolveIndex(im.export, exps.length)];
      return {
        index, callee, sig: im.sig, callerPolicy: effectivePolicy([], im.policy),
        matches: ex !== undefined && sameSignature(im.sig, ex.sig), policy: ex === undefined ? [] : effectivePolicy(ex.policy, im.policy),
      };
    });
  return { n, firstThread, honest: (p: number) => cfg.processes[p].honest, imports };
};

const framesGuarded = (p: readonly IsolationProp[]) => p.includes('stackConf') || (p.includes('stackInt') && (p.includes('dcsInt') || p.includes('dcsConf')));

/**
 * Where the innermost adversary stores: the last word of the capability the honest caller's
 * stub derived over its stack next to its frames (c5 over the in-stack arguments when there
 * are any, else c7 over the unused area; c7 is the callee's own stack after a switch).
 */
const aimAt = (o: WiredImport): AddrSel | undefined => {
  const c = o.sig.stackWords > 0 ? ARGS_CAP : o.policy.includes('stackConf') ? undefined : STACK_CAP;
  return c === undefined || !o.callerPolicy.includes('stackInt') ? undefined : { k: 'capEnd', c, o: -1 };
};

interface FramesChain {
  readonly t: number;
  readonly calls: readonly number[];
  /** Per level, innermost first: is the callee honest. */
  readonly honest: readonly boolean[];
  readonly aim: AddrSel | undefined;
  /** The innermost import's DCS arguments (a DCS grab pops them first). */
  readonly dcsArgs: number;
}

/** The call chains a frames attack can take in this config, most useful first (see framesAttackPattern). */
const framesChains = (cfg: DipcConfig, guarded: (o: WiredImport) => boolean = (o) => framesGuarded(o.policy)): FramesChain[] => {
  const b = bootOf(cfg);
  const good: FramesChain[] = [];
  const rest: typeof good = [];
  const live = (p: number) => b.imports(p).filter((i) => i.matches);
  for (let h = 0; h < b.n; h++) {
    if (!b.honest(h)) continue;
    const out = live(h).filter((i) => !b.honest(i.callee));
    if (out.length === 0) continue;
    for (let a = 0; a < b.n; a++) {
      if (b.honest(a)) continue;
      // A -> H -> B, on A's thread: H has frames when the call into it switched stacks.
      if (b.firstThread[a] >= 0)
        for (const into of live(a).filter((i) => i.callee === h))
          for (const o of out) (into.policy.includes('stackConf') && guarded(o) ? good : rest).push({ t: b.firstThread[a], calls: [into.index, o.index], honest: [false, true], aim: aimAt(o), dcsArgs: o.sig.dcsArgs });
      // H -> A -> H -> B, on H's thread: H is back on its own stack unless only its call into A switched.
      if (b.firstThread[h] >= 0)
        for (const first of out.filter((i) => i.callee === a))
          for (const back of live(a).filter((i) => i.callee === h))
            for (const o of out) {
              const own = !first.policy.includes('stackConf') || back.policy.includes('stackConf');
              (own && guarded(o) ? good : rest).push({ t: b.firstThread[h], calls: [first.index, back.index, o.index], honest: [false, true, false], aim: aimAt(o), dcsArgs: o.sig.dcsArgs });
            }
    }
  }
  return good.length > 0 ? good : rest;
};

/** The ops of a frames attack in this config: the chosen chain, then each level returns, innermost first. */
const wireFramesAttack = (cfg: DipcConfig, w: FramesAttack): DipcOp[] => {
  const grab = w.k === 'dcsGrab';
  const exposed = (o: WiredImport) => o.callerPolicy.includes('stackInt') && !o.policy.includes('stackConf') && !o.policy.includes('dcsInt') && !o.policy.includes('dcsConf');
  const chains = grab ? framesChains(cfg, exposed) : framesChains(cfg);
  if (chains.length === 0) {
    // No such chain in this config: the unaimed pattern on some thread.
    const t = w.pick % 8;
    return [{ op: 'stub_call', t, i: 0, args: [...w.args] }, ...edgeLevelOps(t, w.levels[0])];
  }
  const { t, calls, honest, aim, dcsArgs } = chains[w.pick % chains.length];
  if (grab) {
    const l = w.levels[0];
    const inner: DipcOp[] = [
      ...Array.from({ length: dcsArgs + 1 }, (): DipcOp => ({ op: 'cap_pop', t, c: 0 })),
      { op: 'li', t, r: l.r, v: l.v },
      { op: 'store', t, r: l.r, a: { k: 'capEnd', c: 0, o: -1 } },
      { op: 'ret', t },
    ];
    return [
      ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
      ...inner,
      ...honest.map((_, k) => k).slice(1).flatMap((k) => edgeLevelOps(t, w.levels[k], honest[k])),
    ];
  }
  // The innermost adversary aims its store; the others do what their level says.
  const levels = w.levels.map((l, k) => (k === 0 && aim !== undefined ? { ...l, store: aim } : l));
  return [
    ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
    ...honest.map((_, k) => k).flatMap((k) => edgeLevelOps(t, levels[k], honest[k])),
  ];
};

/**
 * A callee returns through the return path of another proxy (P3): an honest thread calls;
 * the callee calls one of its own imports (resolving it, which grants it call permission on
 * that proxy's domain) and that call returns; then the callee jumps to a proxy return path
 * near its own (proxy domains are packed in the kernel block, a page each for one entry:
 * return paths lie at 16k + 4 and 16k + 12) instead of its own.
 */
export const foreignReturnPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({
    t: thread,
    i: fc.integer({ min: 0, max: 3 }),
    j: fc.integer({ min: 0, max: 3 }),
    args: argsArb,
    results: argsArb,
    nestedEnd: fc.constantFrom('ret' as const, 'stub_return' as const),
    target: fc.oneof(
      fc.record({ k: fc.constant('capBase' as const), c: fc.constant(RET_CAP), o: fc.constantFrom(-32, -16, -8, 8, 16, 32) }),
      fc.record({ k: fc.constant('abs' as const), a: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(4, 12)).map(([p, o]) => 16 * p + o) }),
    ),
    op: fc.constantFrom('jump' as const, 'call' as const),
  })
  .map(({ t, i, j, args, results, nestedEnd, target, op }): DipcOp[] => [
    { op: 'stub_call', t, i, args },
    { op: 'stub_call', t, i: j, args },
    nestedEnd === 'ret' ? { op: 'ret', t } : { op: 'stub_return', t, results },
    { op, t, a: target },
    { op: 'stub_return', t, results },
  ]);

const tweak = (sig: Signature, field: keyof Signature, by: number): Signature => {
  const max = field === 'dcsArgs' ? 2 : 4;
  const v = sig[field] + by;
  return { ...sig, [field]: v < 0 || v > max ? sig[field] - by : v };
};

/**
 * entry_request with a signature that differs from the registered one in exactly one field
 * (most often the DCS arguments), or with one entry too many (P4): a thread registers an
 * entry of its default domain and requests it back with the mismatch.
 */
export const signatureMismatchPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({
    t: thread,
    i: fc.integer({ min: 0, max: 3 }),
    sig: signatureArb,
    field: fc.constantFrom('dcsArgs' as const, 'dcsArgs' as const, 'inRegs' as const, 'outRegs' as const, 'stackWords' as const),
    by: fc.constantFrom(1, -1),
    extra: fc.constantFrom(false, false, false, true),
    calleePolicy: policyArb,
    callerPolicy: policyArb,
  })
  .map(({ t, i, sig, field, by, extra, calleePolicy, callerPolicy }): DipcOp[] => [
    { op: 'syscall', t, call: { k: 'dom_default' } },
    { op: 'syscall', t, call: { k: 'entry_register', h: -1, entries: [{ a: { k: 'code', i, o: 0 }, sig, policy: calleePolicy }] } },
    {
      op: 'syscall', t,
      call: { k: 'entry_request', e: -1, entries: extra ? [{ sig, policy: callerPolicy }, { sig, policy: callerPolicy }] : [{ sig: tweak(sig, field, by), policy: callerPolicy }] },
    },
  ]);

/**
 * concurrentWriterPattern aimed with the config (resolved by `wire`, ARG-IMM): a thread of an
 * adversarial process with a sibling thread calls an honest callee whose entry asks for
 * argument copy and takes buffer arguments; while the call is in flight the sibling writes
 * word j of the buffers (the first words of the caller's first data page), then the callee
 * returns through its stub.
 */
export interface WriterAttack {
  readonly k: 'writer';
  readonly pick: number;
  readonly args: readonly number[];
  readonly results: readonly number[];
  readonly v: number;
  readonly j: number;
}

export const writerAttackPattern: fc.Arbitrary<WriterAttack> = fc.record({
  k: fc.constant('writer' as const),
  pick: fc.nat(),
  args: argsArb,
  results: argsArb,
  v: fc.integer({ min: 1, max: 50 }),
  j: fc.integer({ min: 0, max: 7 }),
});

const wireWriterAttack = (cfg: DipcConfig, w: WriterAttack): DipcOp[] => {
  const b = bootOf(cfg);
  const targets: { t: number; i: number; words: number; data: number }[] = [];
  for (let a = 0; a < b.n; a++) {
    const pc = cfg.processes[a];
    const t = b.firstThread[a];
    if (b.honest(a) || t < 0 || pc.threads < 2 || t + 1 >= cfg.maxThreads) continue;
    for (const im of b.imports(a)) {
      const ex = (cfg.processes[im.callee]?.exports ?? []).find((e) => sameSignature(e.sig, im.sig) && e.policy.includes('argCopy'));
      if (!im.matches || !b.honest(im.callee) || ex === undefined || im.sig.dcsArgs === 0 || im.sig.outRegs === 0) continue;
      targets.push({ t, i: im.index, words: 4 * im.sig.dcsArgs, data: pc.codePages * cfg.wordsPerPage });
    }
  }
  // No such call in this config: the unaimed pattern on some thread.
  const { t, i, words, data } = targets.length > 0 ? targets[w.pick % targets.length] : { t: w.pick % 8, i: 0, words: 8, data: 16 };
  return [
    { op: 'stub_call', t, i, args: [...w.args] },
    { op: 'li', t: t + 1, r: 2, v: w.v },
    { op: 'store', t: t + 1, r: 2, a: { k: 'code', i: 0, o: data + (w.j % words) } },
    { op: 'stub_return', t, results: [...w.results] },
  ];
};

/** A trace's pieces: ops, or a pattern aimed with the config (resolved by `wire`). */
export type Chunk = readonly DipcOp[] | FramesAttack | WriterAttack;

/** The pieces of a security trace; `wire` makes them ops once the config is known. */
export const chunksArb = (maxOps: number): fc.Arbitrary<Chunk[]> =>
  fc.array(
    fc.oneof(
      { weight: 8, arbitrary: dipcTraceArb(6) as fc.Arbitrary<Chunk> },
      { weight: 8, arbitrary: adversaryInCallPattern },
      { weight: 4, arbitrary: concurrentWriterPattern },
      { weight: 1, arbitrary: writerAttackPattern },
      { weight: 2, arbitrary: grabPattern },
      { weight: 1, arbitrary: calleeEdgePattern },
      { weight: 1, arbitrary: framesAttackPattern },
      { weight: 1, arbitrary: dcsGrabPattern },
      { weight: 1, arbitrary: foreignReturnPattern },
      { weight: 1, arbitrary: signatureMismatchPattern },
    ),
    { maxLength: maxOps, size: 'max' },
  );

/** The ops of a trace in this config (at most maxOps). */
export const wire = (cfg: DipcConfig, chunks: readonly Chunk[], maxOps: number): DipcOp[] =>
  chunks.flatMap((c) => ('k' in c ? (c.k === 'writer' ? wireWriterAttack(cfg, c) : wireFramesAttack(cfg, c)) : c)).slice(0, maxOps);

/** A config with no processes: the aimed patterns take their unaimed forms. */
const EMPTY_CONFIG: DipcConfig = {
  wordsPerPage: 16, entryAlign: 4, maxDomains: 12, numCpus: 1, dcsSize: 4, blocks: 2, blockPages: 8, maxProcesses: 0, maxThreads: 0, processes: [],
};

/** Traces for any config (the aimed patterns fall back to unaimed ones). */
export const securityTraceArb = (maxOps: number): fc.Arbitrary<DipcOp[]> =>
  chunksArb(maxOps).map((chunks) => wire(EMPTY_CONFIG, chunks, maxOps));

const scenarioArb = (config: fc.Arbitrary<DipcConfig>, maxOps: number): fc.Arbitrary<DipcScenario> =>
  fc.record({ config, chunks: chunksArb(maxOps) }).map(({ config: cfg, chunks }) => ({ config: cfg, ops: wire(cfg, chunks, maxOps) }));

export const securityScenarioArb = (maxOps = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> => scenarioArb(securityConfigArb, maxOps);

/** P5's systems: process 0 honest, every other process adversarial. */
export const containmentScenarioArb = (maxOps = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> =>
  scenarioArb(securityConfigArb.map((cfg) => ({ ...cfg, processes: cfg.processes.map((p, pid) => ({ ...p, honest: pid === 0 })) })), maxOps);
