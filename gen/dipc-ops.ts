// Generated dIPC traces: Table 2 system calls with valid and invalid handles (index -1 is
// the newest handle, so sequences chain), signatures drawn from a small pool so that
// entry_request matches often, handle sends, process and thread operations, and raw CODOMs
// instructions aimed at proxies and granted domains.
import fc from 'fast-check';
import type { AddrSel } from '../alphabet/address';
import type { DipcOp, Syscall } from '../alphabet/dipc-ops';
import { ISOLATION_PROPS, type Signature } from '../alphabet/policy';
import { opArb } from './ops';

const SIGNATURES: readonly Signature[] = [
  { inRegs: 2, outRegs: 1, stackWords: 0, dcsArgs: 0 },
  { inRegs: 4, outRegs: 2, stackWords: 2, dcsArgs: 1 },
  { inRegs: 1, outRegs: 1, stackWords: 4, dcsArgs: 2 },
];
export const signatureArb: fc.Arbitrary<Signature> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SIGNATURES) },
  {
    weight: 1,
    arbitrary: fc.record({
      inRegs: fc.integer({ min: 0, max: 4 }), outRegs: fc.integer({ min: 0, max: 4 }),
      stackWords: fc.integer({ min: 0, max: 4 }), dcsArgs: fc.integer({ min: 0, max: 2 }),
    }),
  },
);
export const policyArb = fc.subarray([...ISOLATION_PROPS]);

/** Handle numbers: mostly the newest ones (negative indices resolve from the end). */
const h = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: -3, max: -1 }) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }) });
const thread = fc.integer({ min: 0, max: 7 });
const perm = fc.constantFrom('owner' as const, 'write' as const, 'read' as const, 'call' as const);

/** Mostly the calling thread's own code (so registrations succeed), else code of any low tag. */
const codeAddr: fc.Arbitrary<AddrSel> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('code' as const), i: fc.integer({ min: 0, max: 3 }), o: fc.constantFrom(0, 0, 0, 1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('entry' as const), d: fc.integer({ min: 1, max: 6 }), i: fc.integer({ min: 0, max: 3 }), o: fc.constantFrom(0, 1) }) },
);

const syscallArb: fc.Arbitrary<Syscall> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ k: 'dom_default' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'dom_create' as const }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('dom_copy' as const), h, perm }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('dom_mmap' as const), h, n: fc.integer({ min: 0, max: 5 }),
      prot: fc.record({ r: fc.boolean(), w: fc.boolean(), x: fc.boolean() }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('dom_remap' as const), dst: h, src: h, n: fc.integer({ min: 0, max: 3 }),
      a: fc.oneof(codeAddr, fc.record({ k: fc.constant('stack' as const), o: fc.constant(0) })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('grant_create' as const), src: h, dst: h }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('grant_revoke' as const), g: h }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('entry_register' as const), h,
      entries: fc.array(fc.record({ a: codeAddr, sig: signatureArb, policy: policyArb }), { minLength: 0, maxLength: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('entry_request' as const), e: h,
      entries: fc.array(fc.record({ sig: signatureArb, policy: policyArb }), { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('handle_send' as const), h, pid: fc.integer({ min: 0, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('spawn' as const), honest: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ k: 'thread_create' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'fork' as const }) },
  { weight: 1, arbitrary: fc.constant({ k: 'exec' as const }) },
);

export const syscallOpArb: fc.Arbitrary<DipcOp> = fc.record({ op: fc.constant('syscall' as const), t: thread, call: syscallArb });

/** Raw instructions on any thread, some aimed at the kernel block where proxies live. */
const rawArb: fc.Arbitrary<DipcOp> = fc.oneof(
  { weight: 3, arbitrary: opArb.chain((op) => thread.map((t) => ({ ...op, t }))) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom('call' as const, 'jump' as const),
      t: thread,
      a: fc.record({ k: fc.constant('abs' as const), a: fc.integer({ min: 0, max: 40 }) }),
    }),
  },
);

/** Honest macros: call an import with small argument values, or return from the innermost call. */
const argsArb = fc.array(fc.integer({ min: -5, max: 99 }), { minLength: 0, maxLength: 8 });
export const stubOpArb: fc.Arbitrary<DipcOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('stub_call' as const), t: thread, i: fc.integer({ min: 0, max: 3 }), args: argsArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('stub_return' as const), t: thread, results: argsArb }) },
);

/** Events of the environment: a process killed, a thread's innermost call timing out. */
export const envOpArb: fc.Arbitrary<DipcOp> = fc.oneof(
  fc.record({ op: fc.constant('kill' as const), pid: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ op: fc.constant('timeout' as const), t: thread }),
);

// Raw instructions only run for threads in adversarial processes; a fault unwinds the thread.
export const dipcOpArb: fc.Arbitrary<DipcOp> = fc.oneof(
  { weight: 8, arbitrary: syscallOpArb },
  { weight: 10, arbitrary: stubOpArb },
  { weight: 4, arbitrary: rawArb },
  { weight: 1, arbitrary: envOpArb },
);

/**
 * Export, send, import, grant: process a registers an entry of its default domain, sends
 * the entry handle to b, which requests it with the same signature and grants its default
 * domain call permission on the proxy domain.
 */
export const exportImportPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ a: thread, b: thread, pidB: fc.integer({ min: 0, max: 3 }), sig: signatureArb, calleePolicy: policyArb, callerPolicy: policyArb, i: fc.integer({ min: 0, max: 3 }) })
  .map(({ a, b, pidB, sig, calleePolicy, callerPolicy, i }): DipcOp[] => [
    { op: 'syscall', t: a, call: { k: 'dom_default' } },
    { op: 'syscall', t: a, call: { k: 'entry_register', h: -1, entries: [{ a: { k: 'code', i, o: 0 }, sig, policy: calleePolicy }] } },
    { op: 'syscall', t: a, call: { k: 'handle_send', h: -1, pid: pidB } },
    { op: 'syscall', t: b, call: { k: 'entry_request', e: -1, entries: [{ sig, policy: callerPolicy }] } },
    { op: 'syscall', t: b, call: { k: 'dom_default' } },
    { op: 'syscall', t: b, call: { k: 'grant_create', src: -1, dst: -2 } },
  ]);

/** A call that returns: stub_call on a thread, maybe a nested call from the callee, then the returns. */
export const callReturnPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ t: thread, i: fc.integer({ min: 0, max: 3 }), j: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), args: argsArb, results: argsArb, middle: fc.array(dipcOpArb, { maxLength: 2 }) })
  .map(({ t, i, j, args, results, middle }): DipcOp[] => [
    { op: 'stub_call', t, i, args },
    ...middle,
    ...(j === undefined ? [] : [{ op: 'stub_call' as const, t, i: j, args }, { op: 'stub_return' as const, t, results }]),
    { op: 'stub_return', t, results },
  ]);

/**
 * A grant revoked on one CPU while another CPU has its APL row cached: thread a (on CPU 0)
 * makes a domain, grants its default domain access, maps a page there and touches it;
 * thread b (the next thread, on CPU 1, usually of the same process) revokes the grant;
 * then a touches the page again, which must now fault.
 */
export const grantRacePattern: fc.Arbitrary<DipcOp[]> = fc
  .record({ a: thread, access: fc.constantFrom('load' as const, 'store' as const) })
  .map(({ a, access }): DipcOp[] => {
    const b = a + 1;
    const touch: DipcOp = { op: access, t: a, r: 1, a: { k: 'reg', r: 0, o: 0 } };
    return [
      { op: 'schedule', t: a, cpu: 0 },
      { op: 'schedule', t: b, cpu: 1 },
      { op: 'syscall', t: a, call: { k: 'dom_default' } },
      { op: 'syscall', t: a, call: { k: 'dom_create' } },
      { op: 'syscall', t: a, call: { k: 'grant_create', src: -2, dst: -1 } },
      { op: 'syscall', t: a, call: { k: 'dom_mmap', h: -2, n: 1, prot: { r: true, w: true, x: false } } },
      touch,
      { op: 'syscall', t: b, call: { k: 'grant_revoke', g: -1 } },
      touch,
    ];
  });

/**
 * A chain of nested calls on one thread, then what unwinding and time-outs are about: a kill
 * (mid-chain, of a process twice in the chain, of the thread's home), a crash at that depth,
 * or a time-out, possibly racing with a kill; then the survivors return.
 */
export const chainEventPattern: fc.Arbitrary<DipcOp[]> = fc
  .record({
    t: thread,
    calls: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
    event: fc.oneof(
      fc.record({ k: fc.constant('kill' as const), pid: fc.integer({ min: 0, max: 3 }) }),
      fc.constant({ k: 'crash' as const }),
      fc.constant({ k: 'timeout' as const }),
      fc.record({ k: fc.constant('race' as const), pid: fc.integer({ min: 0, max: 3 }) }),
    ),
    args: argsArb,
    returns: fc.integer({ min: 0, max: 3 }),
  })
  .map(({ t, calls, event, args, returns }): DipcOp[] => {
    const ops: DipcOp[] = calls.map((i) => ({ op: 'stub_call', t, i, args }));
    if (event.k === 'kill') ops.push({ op: 'kill', pid: event.pid });
    if (event.k === 'crash') ops.push({ op: 'fault', t });
    if (event.k === 'timeout') ops.push({ op: 'timeout', t });
    if (event.k === 'race') ops.push({ op: 'timeout', t }, { op: 'kill', pid: event.pid });
    // The split-off thread (if any) is the newest; the original returns too.
    for (let r = 0; r < returns; r++) ops.push({ op: 'stub_return', t: r % 2 === 0 ? -1 : t, results: args });
    return ops;
  });

export const dipcTraceArb = (maxOps: number): fc.Arbitrary<DipcOp[]> =>
  fc
    .array(
      fc.oneof(
        { weight: 10, arbitrary: dipcOpArb.map((op) => [op]) },
        { weight: 1, arbitrary: exportImportPattern },
        { weight: 3, arbitrary: callReturnPattern },
        { weight: 2, arbitrary: chainEventPattern },
        { weight: 1, arbitrary: grantRacePattern },
      ),
      { maxLength: maxOps, size: 'max' },
    )
    .map((chunks) => chunks.flat().slice(0, maxOps));
