// Attack patterns aimed with the config (resolved by `wire` in security-scenario.ts): nested
// call chains that leave an honest caller with frames on its own stack before an adversary
// stores over the edge of c5 or c7 or grabs the parked whole-stack capability from the DCS
// (ARG-REG-INT, ARG-STACK-INT), and a sibling writer aimed at a call's buffers (ARG-IMM).
import fc from 'fast-check';
import { ARGS_CAP, STACK_CAP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { AddrSel } from '../alphabet/address';
import { type IsolationProp, sameSignature } from '../alphabet/policy';
import { argsArb, bootOf, thread, type WiredImport } from './security-atoms';

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
  readonly k: 'framesAttack' | 'dcsGrab' | 'claimGrab';
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

/**
 * The DCS grab where the policy claims it cannot work (the swarm strategy's attack-first
 * traces): the chain ends in an import whose caller asks for stack integrity and whose DCS
 * is protected (DCS integrity or confidentiality, no stack switch), so the grab tests the
 * protection the proxy is asked to give (§5.3: DCS integrity raises the DCS base above the
 * parked capability).
 */
export const claimGrabPattern: fc.Arbitrary<FramesAttack> = framesAttackPattern.map((w) => ({ ...w, k: 'claimGrab' as const }));

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
export const wireFramesAttack = (cfg: DipcConfig, w: FramesAttack): DipcOp[] => {
  const grab = w.k !== 'framesAttack';
  const exposed = (o: WiredImport) => o.callerPolicy.includes('stackInt') && !o.policy.includes('stackConf') && !o.policy.includes('dcsInt') && !o.policy.includes('dcsConf');
  // Where only the DCS properties stand between the callee and the parked capability.
  const claimed = (o: WiredImport) => o.callerPolicy.includes('stackInt') && !o.policy.includes('stackConf') && (o.policy.includes('dcsInt') || o.policy.includes('dcsConf'));
  const chains = w.k === 'dcsGrab' ? framesChains(cfg, exposed) : w.k === 'claimGrab' ? framesChains(cfg, claimed) : framesChains(cfg);
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
 * concurrentWriterPattern aimed with the config (resolved by `wire`, ARG-IMM): a thread of an
 * adversarial process with a sibling thread calls an honest callee whose entry asks for
 * argument copy and takes buffer arguments; while the call is in flight the sibling writes
 * word j of the buffers (the first words of the caller's first data page), then the callee
 * returns through its stub.
 */
export interface WriterAttack {
  /** 'writerCall': the sibling then calls the same entry itself while the first call is in flight (per-entry state shared by concurrent calls). */
  readonly k: 'writer' | 'writerCall';
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

export const wireWriterAttack = (cfg: DipcConfig, w: WriterAttack): DipcOp[] => {
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
  if (w.k === 'writerCall')
    return [
      { op: 'stub_call', t, i, args: [...w.args] },
      { op: 'li', t: t + 1, r: 2, v: w.v },
      { op: 'store', t: t + 1, r: 2, a: { k: 'code', i: 0, o: data + (w.j % words) } },
      { op: 'stub_call', t: t + 1, i, args: [...w.args] },
      { op: 'stub_return', t, results: [...w.results] },
      { op: 'stub_return', t: t + 1, results: [...w.results] },
    ];
  return [
    { op: 'stub_call', t, i, args: [...w.args] },
    { op: 'li', t: t + 1, r: 2, v: w.v },
    { op: 'store', t: t + 1, r: 2, a: { k: 'code', i: 0, o: data + (w.j % words) } },
    { op: 'stub_return', t, results: [...w.results] },
  ];
};


/** writerAttackPattern whose sibling also calls the entry while the first call is in flight. */
export const writerCallPattern: fc.Arbitrary<WriterAttack> = writerAttackPattern.map((w) => ({ ...w, k: 'writerCall' as const }));

/**
 * A walk over the call graph as boot wires it (the swarm strategy): the first thread of some
 * process calls one of its imports that resolves, the callee calls one of its own, up to
 * three deep; the innermost callee, if adversarial, runs a few attack ops; then each level
 * returns, innermost first (an adversary after misbehaving, an honest callee through its stub).
 */
export interface WalkAttack {
  /** 'passDown': the walk is aimed at a buffer passed down a chain (see passDownPattern). */
  readonly k: 'walk' | 'passDown';
  readonly start: number;
  readonly steps: readonly number[];
  readonly args: readonly number[];
  /** The innermost adversary's ops, on thread 0 (retargeted when wired). */
  readonly inner: readonly DipcOp[];
  readonly levels: readonly EdgeLevel[];
}

export const walkPattern = (innerOp: fc.Arbitrary<DipcOp>): fc.Arbitrary<WalkAttack> =>
  fc.record({
    k: fc.constant('walk' as const),
    start: fc.nat(),
    steps: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    args: argsArb,
    inner: fc.array(innerOp, { maxLength: 4 }),
    levels: fc.array(edgeLevelArb, { minLength: 3, maxLength: 3 }),
  });

export const wireWalk = (cfg: DipcConfig, w: WalkAttack): DipcOp[] => {
  const b = bootOf(cfg);
  if (w.k === 'passDown') {
    const chains = passDownChains(cfg);
    if (chains.length > 0) {
      const { t, calls } = chains[w.start % chains.length];
      const inner = w.inner.map((op) => ({ ...op, t }) as DipcOp);
      return [
        ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
        ...inner,
        ...[false, true].flatMap((h, k) => edgeLevelOps(t, w.levels[k], h)),
      ];
    }
  }
  const starts = Array.from({ length: b.n }, (_, p) => p).filter((p) => b.firstThread[p] >= 0);
  if (starts.length === 0) return [];
  const home = starts[w.start % starts.length];
  const t = b.firstThread[home];
  const calls: number[] = [];
  const honest: boolean[] = [];
  let cur = home;
  for (const step of w.steps) {
    const ims = b.imports(cur).filter((im) => im.matches);
    if (ims.length === 0) break;
    const im = ims[step % ims.length];
    calls.push(im.index);
    honest.unshift(b.honest(im.callee));
    cur = im.callee;
  }
  const inner = honest[0] === false ? w.inner.map((op) => ({ ...op, t }) as DipcOp) : [];
  return [
    ...calls.map((i): DipcOp => ({ op: 'stub_call', t, i, args: [...w.args] })),
    ...inner,
    ...honest.flatMap((h, k) => edgeLevelOps(t, w.levels[k], h)),
  ];
};

/** A walk whose innermost adversary runs one body of ops (on thread 0, retargeted when wired). */
export const walkBodyPattern = (body: fc.Arbitrary<readonly DipcOp[]>): fc.Arbitrary<WalkAttack> =>
  fc.record({
    k: fc.constant('walk' as const),
    start: fc.nat(),
    steps: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
    args: argsArb,
    inner: body,
    // The body is the attack: every level then just returns (no store that could fault first).
    levels: fc.array(edgeLevelArb.map((l) => ({ ...l, store: undefined })), { minLength: 3, maxLength: 3 }),
  });

/**
 * The callee leaves the DCS other than it found it (§5.2.3 DCS integrity: the caller's
 * entries and base must be as it left them after the call): it pushes one or two
 * capabilities it holds (its first DCS argument c0, its return and stack capabilities c6,
 * c7) above its arguments, or swaps its top argument for one of them, and then returns.
 * (Popping alone makes the caller's epilogue underflow: a fault, which unwinds.)
 */
const heldCap = fc.constantFrom(0, 6, 7);
export const dcsImbalanceBody: fc.Arbitrary<DipcOp[]> = fc.oneof(
  { weight: 3, arbitrary: fc.array(heldCap.map((c): DipcOp => ({ op: 'cap_push', t: 0, c })), { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 2, max: 3 }), fc.constantFrom(6, 7)).map(([p, c]): DipcOp[] => [{ op: 'cap_pop', t: 0, c: p }, { op: 'cap_push', t: 0, c }]) },
);

/**
 * The callee pops below its arguments (whatever the caller's stub parked there: the
 * whole-stack capability under stack integrity, an outer call's arguments) and writes
 * through what it got at its top words (the caller's frames), then returns.
 */
export const dcsUnderflowBody: fc.Arbitrary<DipcOp[]> = fc
  .record({ pops: fc.integer({ min: 1, max: 3 }), r: fc.integer({ min: 0, max: 6 }), v: fc.integer({ min: 61, max: 99 }), o: fc.integer({ min: -2, max: -1 }) })
  .map(({ pops, r, v, o }): DipcOp[] => [
    ...Array.from({ length: pops }, (): DipcOp => ({ op: 'cap_pop', t: 0, c: 0 })),
    { op: 'li', t: 0, r, v },
    { op: 'store', t: 0, r, a: { k: 'capEnd', c: 0, o } },
  ]);

/**
 * A buffer passed down a chain (the swarm strategy's attack-first traces; §5.2.3 DCS
 * confidentiality): an honest process's thread calls another honest process with DCS
 * arguments (its buffers), which calls an adversary with DCS arguments of its own; the
 * adversary runs a few ops and the calls return. What the adversary's DCS holds must be
 * its own arguments, never the buffers of the call further out. Falls back to a plain walk
 * where the config has no such chain.
 */
const passDownChains = (cfg: DipcConfig): { t: number; calls: number[] }[] => {
  const b = bootOf(cfg);
  const out: { t: number; calls: number[] }[] = [];
  for (let h = 0; h < b.n; h++) {
    if (!b.honest(h) || b.firstThread[h] < 0) continue;
    for (const outer of b.imports(h).filter((i) => i.matches && i.callee !== h && b.honest(i.callee) && i.sig.dcsArgs > 0))
      for (const inner of b.imports(outer.callee).filter((i) => i.matches && !b.honest(i.callee) && i.sig.dcsArgs > 0))
        out.push({ t: b.firstThread[h], calls: [outer.index, inner.index] });
  }
  return out;
};

export const passDownPattern = (innerOp: fc.Arbitrary<DipcOp>): fc.Arbitrary<WalkAttack> => walkPattern(innerOp).map((w) => ({ ...w, k: 'passDown' as const }));
