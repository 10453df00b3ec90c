// P3 regression (docs/dipc-model.md "Entry half", step 1b): an adversarial caller that
// enters a proxy by `jump` with a third process's code address at [sp] must not have the
// proxy resume it there. Before the return-address check the proxy saved that address, the
// honest callee returned through it, and the caller ran process C's code as itself: code it
// could never have jumped to. Both machines must refuse at the proxy with proxyCheck.
import { describe, expect, it } from 'vitest';
import { SP } from '../alphabet/config';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import type { Output } from '../alphabet/output';
import { dipcMachineById } from '../machines/registry';
import type { DipcState } from '../spec/state/dipc';
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep } from '../spec/transitions/dipc/step';

const sig = { inRegs: 1, outRegs: 1, stackWords: 0, dcsArgs: 0 };
const config: DipcConfig = {
  wordsPerPage: 16, entryAlign: 4, maxDomains: 24, numCpus: 1, dcsSize: 4, blocks: 5, blockPages: 12,
  maxProcesses: 4, maxThreads: 4, stackPages: 1,
  processes: [
    // p0: the adversary, importing p1's entry.
    { honest: false, codePages: 1, dataPages: 1, threads: 1, exports: [], imports: [{ from: 1, export: 0, sig, policy: [] }] },
    // p1: an honest callee.
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 1, sig, policy: [] }], imports: [] },
    // p2: a bystander whose code p0 has no right to run.
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [], imports: [] },
  ],
};

/** The adversary's trace, with the addresses it needs read off the booted state. */
const attack = (s0: DipcState): DipcOp[] => {
  const run = (s: DipcState, op: DipcOp) => dipcStep(s, op).state;
  const entryHandle = s0.os.processes[0].imports[0].handle ?? 0;
  const setup: DipcOp[] = [
    { op: 'syscall', t: 0, call: { k: 'entry_request', e: entryHandle, entries: [{ sig, policy: [] }] } },
    { op: 'syscall', t: 0, call: { k: 'dom_default' } },
  ];
  const requested = run(s0, setup[0]);
  const s = run(requested, setup[1]);
  const grant: DipcOp = { op: 'syscall', t: 0, call: { k: 'grant_create', src: s.hw.threads[0].regs[0], dst: requested.hw.threads[0].regs[0] } };
  const proxy = s0.os.proxies.length; // the one entry_request made
  const W = s.hw.wordsPerPage;
  const p2Default = s.os.processes[2].defaultDomain;
  const p2Code = s.hw.pages.findIndex((pg) => pg.mapped && pg.exec && pg.tag === p2Default) * W;
  const sp = s0.hw.threads[0].regs[SP];
  return [
    ...setup,
    grant,
    { op: 'li', t: 0, r: 1, v: p2Code },
    { op: 'li', t: 0, r: SP, v: sp - 1 },
    { op: 'store', t: 0, r: 1, a: { k: 'stack', o: 0 } },
    { op: 'jump', t: 0, a: { k: 'abs', a: s.os.proxies[proxy].address } },
    { op: 'stub_return', t: 0, results: [7] },
  ];
};

describe('P3: a proxy saves only a return address its caller could reach', () => {
  const s0 = initialDipcState(config);
  const ops = attack(s0);
  for (const id of ['spec', 'impl']) {
    it(`${id}: a jump into the proxy with a third process's code at [sp] is refused`, () => {
      const factory = dipcMachineById(id);
      expect(factory).toBeDefined();
      const m = factory!.create(config);
      const outs: Output[] = ops.map((op) => m.step(op));
      const jump = outs[ops.findIndex((op) => op.op === 'jump')];
      expect(jump).toEqual({ out: 'fault', fault: { kind: 'proxyCheck', addr: expect.any(Number) } });
      const after = m.abstract();
      // The adversary's only frame failed: its thread ended without ever running p2's code.
      expect(after.os.threads[0].ended).toBe(true);
      expect(after.os.threads[0].kcs).toEqual([]);
    });
  }
});
