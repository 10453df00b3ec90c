// The modelled cost of one call round trip under a combination (docs/audit.md "Cost"),
// measured on the spec rather than derived from a formula: two honest processes, the
// caller importing the callee's entry with the combination's policies; one round trip warms
// up (the loader resolves the import, the stack in the callee is made on first use), then
// the second is run in the four parts the spec itself composes a call of (as dipcStep
// does): the caller stub (stubCall), the proxy's entry half with the callee stub's entry
// half (settle), the callee stub's return (stubReturn), the proxy's return half with the
// caller stub's epilogue (settle). Before the second trip every register of the caller,
// the arguments, and the buffer words get distinct non-zero values, and before the callee's
// return every register of the callee does, so what each part does shows in the state:
// a register saved is a caller register value written to memory; a register zeroed is one
// that went from its value to 0; a word copied is an argument or buffer value written
// somewhere new; capabilities created and revoked are the capability tree growing and
// nodes turning revoked; a stack, DCS, process or TLS switch is the thread's sp region,
// DCS, current process or TLS base changing.
import * as E from 'fp-ts/lib/Either.js';
import { ERR_REG, SP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { ok } from '../alphabet/output';
import type { IsolationProp, Signature } from '../alphabet/policy';
import type { CapNode } from '../spec/state/capabilities';
import type { DipcState } from '../spec/state/dipc';
import { currentDomain } from '../spec/transitions/access';
import { writeWord } from '../spec/transitions/data';
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep, settle } from '../spec/transitions/dipc/step';
import { stubCall, stubReturn } from '../spec/transitions/dipc/stub-ops';
import { BUFFER_WORDS } from '../spec/transitions/dipc/stubs';

/**
 * The call the cost is measured on, like the paper's microbenchmarks (§7.2: a one-byte
 * argument passed by reference, one result): two register arguments, two in-stack words,
 * one buffer by reference on the DCS, one result register.
 */
export const COST_SIGNATURE: Signature = { inRegs: 2, outRegs: 1, stackWords: 2, dcsArgs: 1 };

export interface RoundTripCost {
  /** Live registers the caller stub saves on its stack before the call (and restores after): register integrity. */
  readonly registersSaved: number;
  /** General registers zeroed: by the caller stub before the call and by the callee stub before returning (register confidentiality). */
  readonly registersZeroed: number;
  /** Data words copied: in-stack arguments to the callee's stack (stack confidentiality), buffers into the callee (argument copy). */
  readonly wordsCopied: number;
  /** DCS entries copied onto the callee's own DCS (DCS confidentiality). */
  readonly dcsEntriesCopied: number;
  /** Capabilities created: by the caller stub (buffers, narrowed stack capabilities) and the proxy (the return capability). */
  readonly capabilitiesCreated: number;
  /** Capabilities revoked: the buffers' after the call, the return capability. */
  readonly capabilitiesRevoked: number;
  /** Data stack switches (in and out). */
  readonly stackSwitches: number;
  /** DCS switches (in and out). */
  readonly dcsSwitches: number;
  /** DCS base changes (raised on the way in, restored on the way out: DCS integrity). */
  readonly dcsBaseChanges: number;
  /** Current-process switches (track_process_call and back). */
  readonly processSwitches: number;
  /** TLS base switches. */
  readonly tlsSwitches: number;
}

export const COST_FIELDS: readonly (keyof RoundTripCost)[] = [
  'registersSaved', 'registersZeroed', 'wordsCopied', 'dcsEntriesCopied', 'capabilitiesCreated', 'capabilitiesRevoked',
  'stackSwitches', 'dcsSwitches', 'dcsBaseChanges', 'processSwitches', 'tlsSwitches',
];

/** Short column heads for tables. */
export const COST_HEADS: Record<keyof RoundTripCost, string> = {
  registersSaved: 'saved', registersZeroed: 'zeroed', wordsCopied: 'copied', dcsEntriesCopied: 'dcs copied',
  capabilitiesCreated: 'caps made', capabilitiesRevoked: 'caps revoked', stackSwitches: 'stack sw', dcsSwitches: 'dcs sw',
  dcsBaseChanges: 'dcs base', processSwitches: 'proc sw', tlsSwitches: 'tls sw',
};

const T = 0;
const CALLER_VALUE = (r: number) => 1000 + r;
const CALLEE_VALUE = (r: number) => 2000 + r;
const ARG_VALUE = (i: number) => 500 + i;
const BUFFER_VALUE = (w: number) => 3000 + w;
const RESULT_VALUE = (i: number) => 700 + i;
const WARM_UP_VALUE = (i: number) => 400 + i;

const costConfig = (sig: Signature, caller: readonly IsolationProp[], callee: readonly IsolationProp[]): DipcConfig => ({
  wordsPerPage: 16, entryAlign: 4, maxDomains: 16, numCpus: 1, dcsSize: 8, blocks: 4, blockPages: 12, maxProcesses: 2, maxThreads: 2, stackPages: 2,
  processes: [
    { honest: true, codePages: 1, dataPages: 1, threads: 1, exports: [], imports: [{ from: 1, export: 0, sig, policy: [...caller] }] },
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 0, sig, policy: [...callee] }], imports: [] },
  ],
});

type Ctx = DipcState['hw']['threads'][number];
const withCtx = (s: DipcState, f: (c: Ctx) => Ctx): DipcState => ({ ...s, hw: { ...s.hw, threads: s.hw.threads.map((c, i) => (i === T ? f(c) : c)) } });
const generalRegs = Array.from({ length: ERR_REG + 1 }, (_, r) => r);
const withRegs = (s: DipcState, value: (r: number) => number): DipcState =>
  withCtx(s, (c) => ({ ...c, regs: c.regs.map((v, r) => (r <= ERR_REG ? value(r) : v)) }));

const fail = (what: string): never => {
  throw new Error(`cost model: ${what}`);
};

const mustStep = (s: DipcState, op: DipcOp): DipcState => {
  const r = dipcStep(s, op);
  if (r.output.out !== 'ok') fail(`${op.op} returned ${JSON.stringify(r.output)}`);
  return r.state;
};

/** Memory words whose value changed from `a` to `b`, with their new values. */
const written = (a: DipcState, b: DipcState): number[] => {
  const out: number[] = [];
  for (const [addr, v] of b.hw.memory) if ((a.hw.memory.get(addr) ?? 0) !== v) out.push(v);
  return out;
};
const zeroed = (a: DipcState, b: DipcState, was: (r: number) => number): number =>
  generalRegs.filter((r) => a.hw.threads[T].regs[r] === was(r) && b.hw.threads[T].regs[r] === 0).length;
const revokedIn = (s: DipcState): number => s.hw.caps.filter((c) => c.revoked).length;

const kt = (x: DipcState) => x.os.threads[T];
const ctx = (x: DipcState) => x.hw.threads[T];
/** 1 when f tells the two states apart. */
const switched = (x: DipcState, y: DipcState, f: (z: DipcState) => unknown): number => (f(x) !== f(y) ? 1 : 0);
/** The data stack sp points into (its first word); an empty stack's sp is one past its last word. */
const stackOf = (x: DipcState): number | undefined =>
  [...kt(x).stacks.values()].find((r) => ctx(x).regs[SP] >= r.first && ctx(x).regs[SP] <= r.first + r.words)?.first;

/** One part of the call: stubCall or stubReturn (no fault allowed), then the proxy it lands on (settle). */
const stubPart = (r: ReturnType<typeof stubCall>, what: string): DipcState => {
  if (E.isLeft(r)) return fail(`${what} refused: ${r.left}`);
  if (r.right.fault !== null) return fail(`${what} faulted: ${JSON.stringify(r.right.fault)}`);
  return r.right.state;
};
const proxyPart = (before: DipcState, after: DipcState): DipcState => {
  const from = E.getOrElseW(() => null)(currentDomain(before.hw, before.hw.threads[T]));
  const r = settle(after, T, ok, from);
  if (r.output.out !== 'ok') fail(`the proxy faulted: ${JSON.stringify(r.output)}`);
  return r.state;
};

/** The cost of one round trip under (caller, callee), on signature `sig`. */
export const roundTripCost = (caller: readonly IsolationProp[], callee: readonly IsolationProp[], sig: Signature = COST_SIGNATURE): RoundTripCost => {
  const args = Array.from({ length: sig.inRegs + sig.stackWords }, (_, i) => ARG_VALUE(i));
  const results = Array.from({ length: sig.outRegs }, (_, i) => RESULT_VALUE(i));
  let s = initialDipcState(costConfig(sig, caller, callee));
  // Warm up: the loader resolves the import; a stack in the callee is made on first use.
  // (with other values, so that the measured trip's copies show even where they land on the same words)
  s = mustStep(s, { op: 'stub_call', t: T, i: 0, args: args.map((_, i) => WARM_UP_VALUE(i)) });
  s = mustStep(s, { op: 'stub_return', t: T, results: results.map((_, i) => WARM_UP_VALUE(i)) });
  if (s.os.threads[T].kcs.length !== 0) fail('the warm-up call did not return');
  // The caller's registers and buffers hold values of their own, and its DCS one capability
  // of its own below the arguments (so that DCS integrity and confidentiality have something to hide).
  s = withRegs(s, CALLER_VALUE);
  const data = s.os.processes[0].data ?? fail('the caller has no data page');
  let memory = s.hw.memory;
  for (let w = 0; w < sig.dcsArgs * BUFFER_WORDS; w++) memory = writeWord(memory, data + w, BUFFER_VALUE(w));
  const own = s.hw.caps.length;
  const ownCap: CapNode = { parent: null, base: data, length: BUFFER_WORDS, perm: 'read', kind: 'sync', owner: T, creatorTag: s.os.processes[0].defaultDomain, revoked: false };
  s = withCtx({ ...s, hw: { ...s.hw, memory, caps: [...s.hw.caps, ownCap] } }, (c) => ({ ...c, dcs: [...c.dcs, own] }));
  const s0 = s;
  // 1. The caller stub, up to its call instruction.
  const a = stubPart(stubCall(s0, T, 0, args), 'the caller stub');
  // 2. The proxy's entry half, then the callee stub's entry half.
  const b = proxyPart(s0, a);
  const frame = b.os.threads[T].kcs[0] ?? fail('the call did not enter the callee');
  if (frame.stackSwitched !== (stackOf(a) !== stackOf(b))) fail('the KCS frame and sp disagree on the stack switch');
  // 3. The callee computes with registers of its own, then its stub returns.
  const b1 = withRegs(b, CALLEE_VALUE);
  const c = stubPart(stubReturn(b1, T, results), 'the callee stub');
  // 4. The proxy's return half, then the caller stub's epilogue.
  const d = proxyPart(b1, c);
  if (d.os.threads[T].kcs.length !== 0) fail('the call did not return');

  const callerValues = new Set(generalRegs.map(CALLER_VALUE));
  const copiedValues = new Set([...args, ...Array.from({ length: sig.dcsArgs * BUFFER_WORDS }, (_, w) => BUFFER_VALUE(w))]);
  const ownVisible = (x: DipcState) => ctx(x).dcs.includes(own);
  return {
    // The caller stub pushes live registers; nothing else writes a caller register's value to memory.
    registersSaved: written(s0, a).filter((v) => callerValues.has(v)).length,
    registersZeroed: zeroed(s0, a, CALLER_VALUE) + zeroed(b1, c, CALLEE_VALUE),
    // In-stack arguments the proxy copies to the callee's stack, buffers the callee stub copies in (the caller stub's own pushes are the call itself).
    wordsCopied: written(a, b).filter((v) => copiedValues.has(v)).length,
    dcsEntriesCopied: frame.savedDcs === null ? 0 : ctx(b).dcs.length,
    capabilitiesCreated: d.hw.caps.length - s0.hw.caps.length,
    capabilitiesRevoked: revokedIn(d) - revokedIn(s0),
    stackSwitches: switched(a, b, stackOf) + switched(c, d, stackOf),
    dcsSwitches: (ownVisible(a) && !ownVisible(b) ? 1 : 0) + (!ownVisible(c) && ownVisible(d) ? 1 : 0),
    dcsBaseChanges: switched(a, b, (x) => ctx(x).dcsBase) + switched(c, d, (x) => ctx(x).dcsBase),
    processSwitches: switched(a, b, (x) => kt(x).current) + switched(c, d, (x) => kt(x).current),
    tlsSwitches: switched(a, b, (x) => kt(x).tls) + switched(c, d, (x) => kt(x).tls),
  };
};
