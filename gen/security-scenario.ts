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
//    reference while the call is in flight (ARG-IMM's concurrent writer).
import fc from 'fast-check';
import { ARGS_CAP, SP, STACK_CAP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { AddrSel } from '../alphabet/address';
import { DIPC_BOUNDS } from './dipc-bounds';
import { dipcConfigArb } from './dipc-config';
import { dipcTraceArb } from './dipc-ops';
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

export const securityTraceArb = (maxOps: number): fc.Arbitrary<DipcOp[]> =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: dipcTraceArb(6) },
        { weight: 4, arbitrary: adversaryInCallPattern },
        { weight: 2, arbitrary: concurrentWriterPattern },
        { weight: 1, arbitrary: grabPattern },
      ),
      { maxLength: maxOps, size: 'max' },
    )
    .map((chunks) => chunks.flat().slice(0, maxOps));

export const securityScenarioArb = (maxOps = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> =>
  fc.record({ config: securityConfigArb, ops: securityTraceArb(maxOps) });

/** P5's systems: process 0 honest, every other process adversarial. */
export const containmentScenarioArb = (maxOps = DIPC_BOUNDS.maxOps): fc.Arbitrary<DipcScenario> =>
  fc.record({
    config: securityConfigArb.map((cfg) => ({ ...cfg, processes: cfg.processes.map((p, pid) => ({ ...p, honest: pid === 0 })) })),
    ops: securityTraceArb(maxOps),
  });
