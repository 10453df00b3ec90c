// exec succeeds with a value (every system call returns one), not `ok`: the call tracker and
// TMO once waited for `ok`, so after an exec they kept the thread's old stack as its home.
// The audit's witness below then read the adversary's new stack, on which an honest callee
// that asked for no stack switch ran its stub (its nested call's stack argument), as "the
// adversary's own memory" with no visible source: a false leak that every ARG-REG-CONF and
// ARG-STACK-CONF combination without a stack switch reported. What an honest stub leaves on
// an adversary's stack it ran on is released (noninterference.ts, `released`).
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { checkOn, dipcMachineById } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import { checkStepsIn } from '../properties/observe';
import { CallTracker } from '../properties/security/call-tracker';
import { stackCapRegion } from '../properties/security/witness/stack-words';
import { Witness } from '../properties/security/witness/witness';
import { DIPC_LAYER } from '../refinement/layer';

const sig = (inRegs: number, outRegs: number, stackWords: number) => ({ inRegs, outRegs, stackWords, dcsArgs: 0 });
/** Adversarial p1 calls honest p0 (regConf only: no stack switch); p0 calls honest p2 with one stack word. */
const config: DipcConfig = {
  wordsPerPage: 16, entryAlign: 1, maxDomains: 10, numCpus: 1, dcsSize: 1, blocks: 5, blockPages: 3, maxProcesses: 3, maxThreads: 1, stackPages: 1,
  processes: [
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 0, sig: sig(2, 1, 0), policy: ['regConf'] }], imports: [{ from: 2, export: 0, sig: sig(0, 3, 1), policy: ['regInt', 'stackInt', 'stackConf', 'dcsInt', 'dcsConf'] }] },
    { honest: false, codePages: 1, dataPages: 1, threads: 1, exports: [], imports: [{ from: 0, export: 0, sig: sig(2, 1, 0), policy: ['regConf'] }] },
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 0, sig: sig(0, 3, 1), policy: ['regConf', 'stackConf', 'dcsConf', 'argCopy'] }], imports: [] },
  ],
} as DipcConfig;
const ops: DipcOp[] = [
  { op: 'syscall', t: 0, call: { k: 'exec' } },
  { op: 'stub_call', t: 0, i: 0, args: [] },
  { op: 'stub_call', t: 0, i: 0, args: [0] },
  { op: 'stub_return', t: 0, results: [] },
  { op: 'stub_return', t: 0, results: [] },
];

describe('after an exec, the thread runs on its new stack', () => {
  test("the call tracker's home for the thread is the stack exec gave it", () => {
    const w = new Witness();
    const tracker = new CallTracker(w);
    const factory = dipcMachineById('spec');
    if (factory === undefined) throw new Error('no spec');
    let checked = false;
    checkStepsIn(DIPC_LAYER, { config, ops: ops.slice(0, 1) }, factory, ({ op, pre, post, output }) => {
      tracker.observe(op, pre, post, output);
      w.observe(op, pre, output, post);
      const region = stackCapRegion(post, 0);
      expect(region).not.toBeNull();
      expect(tracker.stackOf(0)?.region).toEqual(region);
      // Meaningful only if exec moved the stack (a fresh image in a fresh block, §6.1.3).
      expect(region).not.toEqual(stackCapRegion(pre, 0));
      checked = true;
      return null;
    });
    expect(checked).toBe(true);
  });
  for (const id of ['ARG-REG-CONF', 'ARG-STACK-CONF', 'ARG-REG-CONF~unguarded-callee', 'TMO']) {
    test(`${id}: what the honest callee's stub left on the adversary's new stack is no leak (spec and impl)`, () => {
      const p = propertyById(id);
      if (p === undefined) throw new Error(id);
      for (const m of ['spec', 'impl']) expect(checkOn(p, { config, ops }, m)?.violation ?? null, `${id} on ${m}`).toBeNull();
    });
  }
});
