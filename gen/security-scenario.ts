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
import { canonicalPolicy, type IsolationProp, type Signature } from '../alphabet/policy';
import { DIPC_BOUNDS } from './dipc-bounds';
import { dipcConfigArb } from './dipc-config';
import { dipcTraceArb, policyArb, signatureArb } from './dipc-ops';
import type { DipcScenario } from './dipc-scenario';
import { argsArb, reg, thread } from './security-atoms';
import { type AuthorityAttack, authorityAttackPattern, wireAuthorityAttack } from './security-authority';
import { DipcImplMachine } from '../impl/dipc/machine';
import { type ForeignReturnAttack, foreignReturnAttackArb, wireForeignReturn } from './foreign-return';
import {
  calleeEdgePattern, claimGrabPattern, dcsGrabPattern, dcsImbalanceBody, dcsUnderflowBody, type FramesAttack, passDownPattern, type WalkAttack, walkBodyPattern, walkPattern, wireWalk, writerCallPattern, framesAttackPattern, type WriterAttack, wireFramesAttack, wireWriterAttack, writerAttackPattern,
} from './security-aimed';

export { calleeEdgePattern, dcsGrabPattern, type FramesAttack, framesAttackPattern, type WriterAttack, writerAttackPattern };

/** Process 0 honest, process 1 adversarial: every scenario has a victim and an attacker. */
export const securityConfigArb: fc.Arbitrary<DipcConfig> = dipcConfigArb(DIPC_BOUNDS).map((cfg) => ({
  ...cfg,
  processes: cfg.processes.map((p, pid) => (pid === 0 ? { ...p, honest: true } : pid === 1 ? { ...p, honest: false } : p)),
}));


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
 * A callee returns through the return path of another proxy (P3): an honest thread calls;
 * the callee calls one of its own imports (resolving it, which grants it call permission on
 * that proxy's domain) and that call returns; then the callee jumps to a proxy return path
 * near its own (proxy domains are packed in the kernel block, a page each for one entry:
 * return paths lie at 16k + 4 and 16k + 12) instead of its own.
 */
/** The callee's moves: the import it calls, how that call ends, and the return path it takes instead of its own. */
const foreignReturnMoves = {
    j: fc.integer({ min: 0, max: 3 }),
    args: argsArb,
    results: argsArb,
    nestedEnd: fc.constantFrom('ret' as const, 'stub_return' as const),
    target: fc.oneof(
      fc.record({ k: fc.constant('capBase' as const), c: fc.constant(RET_CAP), o: fc.constantFrom(-32, -16, -8, 8, 16, 32) }),
      fc.record({ k: fc.constant('abs' as const), a: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(4, 12)).map(([p, o]) => 16 * p + o) }),
    ),
    op: fc.constantFrom('jump' as const, 'call' as const),
};

export const foreignReturnPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ t: thread, i: fc.integer({ min: 0, max: 3 }), ...foreignReturnMoves })
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
 * The signature a caller declares against the one registered (P4, §5.2.3 "signature"): a
 * thread registers an entry of its default domain that takes DCS arguments, and requests it
 * back declaring none, or declaring one field one lower or higher; then it requests the
 * registered signature itself, which must succeed. Every mismatch, the omitted DCS arguments
 * most often, since a kernel that forgets a field accepts exactly the requests that omit it.
 */
export const signatureDropPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({
    t: thread,
    i: fc.integer({ min: 0, max: 3 }),
    sig: signatureArb.map((sg) => (sg.dcsArgs === 0 ? { ...sg, dcsArgs: 1 } : sg)),
    field: fc.constantFrom('drop' as const, 'drop' as const, 'dcsArgs' as const, 'inRegs' as const, 'outRegs' as const, 'stackWords' as const),
    by: fc.constantFrom(1, -1),
    calleePolicy: policyArb,
    callerPolicy: policyArb,
  })
  .map(({ t, i, sig, field, by, calleePolicy, callerPolicy }): DipcOp[] => [
    { op: 'syscall', t, call: { k: 'dom_default' } },
    { op: 'syscall', t, call: { k: 'entry_register', h: -1, entries: [{ a: { k: 'code', i, o: 0 }, sig, policy: calleePolicy }] } },
    { op: 'syscall', t, call: { k: 'entry_request', e: -1, entries: [{ sig: field === 'drop' ? { ...sig, dcsArgs: 0 } : tweak(sig, field, by), policy: callerPolicy }] } },
    { op: 'syscall', t, call: { k: 'entry_request', e: -1, entries: [{ sig, policy: callerPolicy }] } },
  ]);

/**
 * Proxy attacks first (swarm): the declared signature against the registered one, the
 * proxy's copy of the arguments, and returns through another call's return path.
 */
export const proxyFirstArb: fc.Arbitrary<Chunk> = fc.oneof(
  { weight: 3, arbitrary: signatureDropPattern },
  { weight: 1, arbitrary: signatureMismatchPattern },
  { weight: 1, arbitrary: adversaryInCallPattern },
  { weight: 2, arbitrary: foreignReturnAttackArb },
);

/** A trace's pieces: ops, or a pattern aimed with the config (resolved by `wire`). */
export type Chunk = readonly DipcOp[] | FramesAttack | WriterAttack | AuthorityAttack | WalkAttack | ForeignReturnAttack;

/** The attack patterns of a security trace, with their weights. */
const PATTERNS: readonly { weight: number; arbitrary: fc.Arbitrary<Chunk> }[] = [
  { weight: 8, arbitrary: adversaryInCallPattern },
  { weight: 4, arbitrary: concurrentWriterPattern },
  { weight: 1, arbitrary: writerAttackPattern },
  { weight: 2, arbitrary: grabPattern },
  { weight: 1, arbitrary: calleeEdgePattern },
  { weight: 1, arbitrary: framesAttackPattern },
  { weight: 1, arbitrary: dcsGrabPattern },
  { weight: 1, arbitrary: foreignReturnPattern },
  { weight: 1, arbitrary: signatureMismatchPattern },
];

/** The pieces of a security trace; `wire` makes them ops once the config is known. */
export const chunksArb = (maxOps: number): fc.Arbitrary<Chunk[]> =>
  fc.array(fc.oneof({ weight: 8, arbitrary: dipcTraceArb(6) as fc.Arbitrary<Chunk> }, ...PATTERNS), { maxLength: maxOps, size: 'max' });

/** One attack pattern (no random ops), for the guided strategy to plan with (the authority attack among them). */
export const securityPatternArb: fc.Arbitrary<Chunk> = fc.oneof(...PATTERNS, { weight: 1, arbitrary: authorityAttackPattern });

/**
 * A quarter of security scenarios get an authority attack (gen/security-authority.ts: Table 2,
 * §5.2.2, §5.2.3; P1, P2) put among their chunks. Drawn after the config and chunks, so the
 * other scenarios are the ones these seeds made before it existed.
 */
const authorityArb: fc.Arbitrary<{ at: number; attack: AuthorityAttack } | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ at: fc.nat(), attack: authorityAttackPattern }) },
);

const withAuthority = (chunks: readonly Chunk[], a: { at: number; attack: AuthorityAttack } | null): Chunk[] => {
  if (a === null) return [...chunks];
  const at = a.at % (chunks.length + 1);
  return [...chunks.slice(0, at), a.attack, ...chunks.slice(at)];
};

/** The ops of a trace in this config (at most maxOps). */
export const wire = (cfg: DipcConfig, chunks: readonly Chunk[], maxOps: number): DipcOp[] => {
  const ops: DipcOp[] = [];
  // The impl machine that aims the authority attacks, created at the first one (most traces have none).
  let m: DipcImplMachine | null = null;
  let ran = 0;
  for (const c of chunks) {
    if (ops.length >= maxOps) break;
    if (!('k' in c)) ops.push(...c);
    else if (c.k === 'writer' || c.k === 'writerCall') ops.push(...wireWriterAttack(cfg, c));
    else if (c.k === 'walk' || c.k === 'passDown') ops.push(...wireWalk(cfg, c));
    else if (c.k !== 'authority' && c.k !== 'foreignReturn') ops.push(...wireFramesAttack(cfg, c as FramesAttack));
    else {
      if (m === null) m = new DipcImplMachine(cfg);
      const mm = m;
      for (; ran < ops.length; ran++) mm.step(ops[ran]);
      const emit = (op: DipcOp) => {
        ops.push(op);
        mm.step(op);
        ran++;
      };
      if (c.k === 'authority') wireAuthorityAttack(mm, cfg, c, emit);
      else wireForeignReturn(mm, cfg, c, emit);
    }
  }
  return ops.slice(0, maxOps);
};

/** A config with no processes: the aimed patterns take their unaimed forms. */
const EMPTY_CONFIG: DipcConfig = {
  wordsPerPage: 16, entryAlign: 4, maxDomains: 12, numCpus: 1, dcsSize: 4, blocks: 2, blockPages: 8, maxProcesses: 0, maxThreads: 0, processes: [],
};

/** Traces for any config (the aimed patterns fall back to unaimed ones). */
export const securityTraceArb = (maxOps: number): fc.Arbitrary<DipcOp[]> =>
  chunksArb(maxOps).map((chunks) => wire(EMPTY_CONFIG, chunks, maxOps));

/**
 * Attack first (the swarm strategy, gen/strategies.ts): one to three attack patterns at the
 * head of a short trace, so the aimed ones meet the boot state they were aimed at, then a
 * few chunks of the usual mix. The trace is plain ops once wired, like any other.
 */
/**
 * Authority made and taken back (the swarm strategy's attack-first traces; Table 2,
 * §5.2.2): a thread makes a domain, grants between its handles, touches the granted
 * domain, revokes the grant and touches it again; P1 must see every access right the
 * grant gave go with it.
 */
export const revokeFollowThroughPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ t: thread, src: fc.constantFrom(0, -2, -1), dst: fc.constantFrom(-1, -1, -2), d: fc.integer({ min: 0, max: 6 }), store: fc.boolean() })
  .map(({ t, src, dst, d, store }): DipcOp[] => {
    const touch: DipcOp = { op: store ? 'store' : 'load', t, r: 1, a: { k: 'entry', d, i: 0, o: 0 } };
    return [
      { op: 'syscall', t, call: { k: 'dom_default' } },
      { op: 'syscall', t, call: { k: 'dom_create' } },
      { op: 'syscall', t, call: { k: 'grant_create', src, dst } },
      touch,
      { op: 'syscall', t, call: { k: 'grant_revoke', g: -1 } },
      touch,
    ];
  });

const attackFirstArb: fc.Arbitrary<Chunk> = fc.oneof(
  { weight: 2, arbitrary: revokeFollowThroughPattern },
  { weight: 2, arbitrary: framesAttackPattern },
  { weight: 1, arbitrary: dcsGrabPattern },
  { weight: 2, arbitrary: claimGrabPattern },
  { weight: 2, arbitrary: writerAttackPattern },
  { weight: 2, arbitrary: writerCallPattern },
  { weight: 4, arbitrary: walkPattern(attackOp(0)) },
  { weight: 2, arbitrary: passDownPattern(attackOp(0)) },
  { weight: 1, arbitrary: authorityAttackPattern },
  { weight: 1, arbitrary: calleeEdgePattern },
  { weight: 1, arbitrary: adversaryInCallPattern },
  { weight: 1, arbitrary: concurrentWriterPattern },
  { weight: 1, arbitrary: foreignReturnPattern },
  { weight: 1, arbitrary: signatureMismatchPattern },
);

export const attackFirstScenarioArb = (config: fc.Arbitrary<DipcConfig>, maxOps: number, tailChunks: number, attacks: fc.Arbitrary<Chunk> = attackFirstArb): fc.Arbitrary<DipcScenario> =>
  fc
    .tuple(config, fc.array(attacks, { minLength: 1, maxLength: 2 }), chunksArb(tailChunks))
    .map(([cfg, attacks, tail]) => ({ config: cfg, ops: wire(cfg, [...attacks, ...tail], maxOps) }));

const scenarioArb = (config: fc.Arbitrary<DipcConfig>, maxOps: number): fc.Arbitrary<DipcScenario> =>
  fc.record({ config, chunks: chunksArb(maxOps), authority: authorityArb }).map(({ config: cfg, chunks, authority }) => ({ config: cfg, ops: wire(cfg, withAuthority(chunks, authority), maxOps) }));

export const securityScenarioArb = (maxOps = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> => scenarioArb(securityConfigArb, maxOps);

/** Systems of two or three processes; process 0 honest, process 1 adversarial as in securityConfigArb. */
const smallSecurityConfigArb: fc.Arbitrary<DipcConfig> = dipcConfigArb({ ...DIPC_BOUNDS, maxProcesses: 3 }).map((cfg) => ({
  ...cfg,
  processes: cfg.processes.map((p, pid) => (pid === 0 ? { ...p, honest: true } : pid === 1 ? { ...p, honest: false } : p)),
}));

/** P5's systems: process 0 honest, every other process adversarial. */
export const containmentConfigArb: fc.Arbitrary<DipcConfig> = securityConfigArb.map((cfg) => ({ ...cfg, processes: cfg.processes.map((p, pid) => ({ ...p, honest: pid === 0 })) }));

/**
 * Dense systems (the swarm strategy): two or three processes, each importing one export
 * of every other process (two imports at most) with the export's own signature, so every
 * import resolves and every back-and-forth call chain (H -> A -> H -> A) exists; the
 * policies stay random. Process 0 honest, process 1 adversarial.
 */
export const denseSecurityConfigArb: fc.Arbitrary<DipcConfig> = fc
  .tuple(smallSecurityConfigArb, policyArb, fc.array(fc.tuple(fc.nat(), policyArb, fc.boolean()), { minLength: 12, maxLength: 12 }))
  .map(([cfg, palette, picks]) => {
    const n = Math.min(cfg.processes.length, cfg.maxProcesses);
    // Swarm over the isolation properties: one palette per system; each policy is the
    // palette, or a random part of it (so combinations recur across imports and exports).
    const pol = (k: number) => {
      const [, sub, whole] = picks[k % picks.length];
      return whole ? [...palette] : palette.filter((x) => sub.includes(x));
    };
    const processes = cfg.processes.map((p, pid) => (pid >= n ? p : { ...p, exports: (p.exports ?? []).map((e, k) => ({ ...e, policy: pol(6 + pid * 2 + k) })) }));
    return {
      ...cfg,
      processes: processes.map((p, pid) => {
        if (pid >= n) return p;
        const others = Array.from({ length: n }, (_, q) => q).filter((q) => q !== pid).slice(0, 2);
        return {
          ...p,
          imports: others.map((from, k) => {
            const ex = picks[pid * 2 + k][0];
            const exps = processes[from].exports ?? [];
            const sig = exps.length === 0 ? p.imports?.[0]?.sig ?? { inRegs: 0, outRegs: 0, stackWords: 0, dcsArgs: 0 } : exps[ex % exps.length].sig;
            return { from, export: exps.length === 0 ? 0 : ex % exps.length, sig, policy: pol(pid * 2 + k) };
          }),
        };
      }),
    };
  });

export const denseContainmentConfigArb: fc.Arbitrary<DipcConfig> = denseSecurityConfigArb.map((cfg) => ({ ...cfg, processes: cfg.processes.map((p, pid) => ({ ...p, honest: pid === 0 })) }));

export const containmentScenarioArb = (maxOps = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> => scenarioArb(containmentConfigArb, maxOps);

/**
 * Attacks on what the caller's stub left on its stack and its DCS (the swarm strategy's
 * frames systems below): a chain of calls leaves an honest caller with frames and DCS
 * entries, then the innermost adversary pops below its DCS arguments and writes through
 * what it got (the grab, where the policy leaves the DCS open and where it claims to guard
 * it), stores over the edges of c5 and c7, or leaves the DCS unbalanced when it returns.
 */
export const framesFirstArb: fc.Arbitrary<Chunk> = fc.oneof(
  { weight: 3, arbitrary: claimGrabPattern },
  { weight: 1, arbitrary: dcsGrabPattern },
  { weight: 1, arbitrary: framesAttackPattern },
  { weight: 2, arbitrary: walkBodyPattern(dcsUnderflowBody) },
  { weight: 2, arbitrary: walkBodyPattern(dcsImbalanceBody) },
  { weight: 1, arbitrary: walkPattern(attackOp(0)) },
);

/**
 * Frames systems (the swarm strategy; DESIGN §10, stack integrity and the DCS): dense
 * systems (every back-and-forth chain exists; a DCS of 8 to 12 entries, room for a chain's) in which every import asks for stack
 * integrity with one DCS protection drawn per system (none, DCS integrity, DCS
 * confidentiality or both; register properties at random), and no export declares a stack
 * or DCS property of its own, so what guards the caller's frames and DCS entries is
 * exactly the drawn protection. Process 0 honest, process 1 adversarial.
 */
const framesPolicyArb = fc.record({
  dcs: fc.constantFrom<IsolationProp[]>([], ['dcsInt'], ['dcsConf'], ['dcsInt', 'dcsConf']),
  caller: fc.subarray<IsolationProp>(['regInt', 'regConf']),
  callee: fc.subarray<IsolationProp>(['regConf', 'argCopy']),
  // A chain of three calls parks up to two entries and three arguments each: room for them.
  dcsSize: fc.integer({ min: 8, max: 12 }),
});

const framesSystem = (cfg: DipcConfig, pol: { dcs: IsolationProp[]; caller: IsolationProp[]; callee: IsolationProp[]; dcsSize: number }): DipcConfig => ({
  ...cfg,
  dcsSize: pol.dcsSize,
  processes: cfg.processes.map((p) => ({
    ...p,
    imports: (p.imports ?? []).map((im) => ({ ...im, policy: canonicalPolicy([...pol.caller, 'stackInt', ...pol.dcs]) })),
    exports: (p.exports ?? []).map((e) => ({ ...e, policy: [...pol.callee] })),
  })),
});

export const framesSecurityConfigArb: fc.Arbitrary<DipcConfig> = fc.tuple(denseSecurityConfigArb, framesPolicyArb).map(([cfg, pol]) => framesSystem(cfg, pol));
export const framesContainmentConfigArb: fc.Arbitrary<DipcConfig> = fc.tuple(denseContainmentConfigArb, framesPolicyArb).map(([cfg, pol]) => framesSystem(cfg, pol));

/**
 * Pass-down systems (the swarm strategy; §5.2.3 DCS confidentiality): frames systems made
 * into the chain p2 -> p0 -> p1 (honest -> honest -> adversary, p1 -> p0 the way back), with
 * at least one DCS argument at every call (a buffer passed down a chain). Their attack-first
 * traces draw from passDownFirstArb.
 */
const passDownSystem = ([cfg, bareImports, calleeConf]: [DipcConfig, IsolationProp[] | null, boolean]): DipcConfig => {
  const withDcs = (sig: Signature): Signature => ({ ...sig, dcsArgs: Math.max(1, sig.dcsArgs) });
  const [p0, p1] = cfg.processes;
  const p2 = cfg.processes[2] ?? p0;
  const ex = (p: typeof p0) => ((p.exports ?? []).length > 0 ? p.exports ?? [] : p0.exports ?? []).map((e) => ({ ...e, sig: withDcs(e.sig) }));
  // Half the systems ask at the imports for a DCS protection alone, without stack integrity
  // (what guards the buffer is then that protection and the callee's word), and in half the
  // adversary's exports declare DCS confidentiality themselves.
  const policy = bareImports ?? p0.imports?.[0]?.policy ?? [];
  const [e0, e1] = [ex(p0), ex(p1)];
  const adversaryExports = calleeConf ? e1.map((e) => ({ ...e, policy: canonicalPolicy([...e.policy, 'dcsConf']) })) : e1;
  // Every import names its export's signature (it resolves); p2 -> p0 -> p1 is the chain, p1 -> p0 the way back.
  const imp = (from: number, exps: typeof e0) => (exps.length === 0 ? [] : [{ from, export: 0, sig: exps[0].sig, policy }]);
  return {
    ...cfg,
    maxProcesses: Math.max(3, cfg.maxProcesses),
    processes: [
      { ...p0, honest: true, exports: e0, imports: imp(1, e1) },
      { ...p1, honest: false, exports: adversaryExports, imports: imp(0, e0) },
      { ...p2, honest: true, threads: Math.max(1, p2.threads), exports: ex(p2), imports: imp(0, e0) },
      ...cfg.processes.slice(3),
    ],
  };
};

const bareImportsArb: fc.Arbitrary<IsolationProp[] | null> = fc.option(fc.constantFrom<IsolationProp[]>([], ['dcsInt'], ['dcsConf'], ['dcsInt', 'dcsConf']), { freq: 2 });
export const passDownSecurityConfigArb: fc.Arbitrary<DipcConfig> = fc.tuple(framesSecurityConfigArb, bareImportsArb, fc.boolean()).map(passDownSystem);
export const passDownContainmentConfigArb: fc.Arbitrary<DipcConfig> = fc.tuple(framesContainmentConfigArb, bareImportsArb, fc.boolean()).map(passDownSystem);

/** A buffer passed down an honest chain to an adversary, or the adversary's DCS underflow or imbalance at its end. */
export const passDownFirstArb: fc.Arbitrary<Chunk> = fc.oneof(
  { weight: 3, arbitrary: passDownPattern(attackOp(0)) },
  { weight: 1, arbitrary: walkBodyPattern(dcsUnderflowBody) },
  { weight: 2, arbitrary: walkBodyPattern(dcsImbalanceBody) },
);

/**
 * Writer systems (the swarm strategy; §3.4 argument immutability by copying, ARG-IMM): the
 * adversary p1 has two threads and imports p0's first export, which passes DCS arguments,
 * returns a result and declares argument copy; so the concurrent writer (a sibling thread
 * writes into the buffers a call in flight passed, and in writerCall also calls the same
 * entry) is aimed in every system. Their attack-first traces draw from writerFirstArb.
 */
const writerSystem = (cfg: DipcConfig): DipcConfig => {
  const [p0, p1] = cfg.processes;
  const fix = (sig: Signature): Signature => ({ ...sig, dcsArgs: Math.max(1, sig.dcsArgs), outRegs: Math.max(1, sig.outRegs) });
  const e0 = (p0.exports ?? []).map((e) => ({ ...e, sig: fix(e.sig), policy: canonicalPolicy([...e.policy, 'argCopy']) }));
  if (e0.length === 0) return cfg;
  const processes = [
    { ...p0, honest: true, exports: e0 },
    { ...p1, honest: false, threads: Math.max(2, p1.threads), imports: [{ from: 0, export: 0, sig: e0[0].sig, policy: p1.imports?.[0]?.policy ?? [] }, ...(p1.imports ?? []).slice(1)] },
    ...cfg.processes.slice(2),
  ];
  const threads = processes.reduce((a, p) => a + p.threads, 0);
  return { ...cfg, maxThreads: Math.max(cfg.maxThreads, threads + 1), processes };
};

export const writerSecurityConfigArb: fc.Arbitrary<DipcConfig> = denseSecurityConfigArb.map(writerSystem);
export const writerContainmentConfigArb: fc.Arbitrary<DipcConfig> = denseContainmentConfigArb.map(writerSystem);
export const writerFirstArb: fc.Arbitrary<Chunk> = fc.oneof(writerAttackPattern, writerCallPattern);
