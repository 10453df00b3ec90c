// DCS integrity on return and unwind (issue 12 §2, docs/dipc-model.md): the kernel gives a
// resumed caller its DCS back, cut to its length at the call, with the argument entries in
// their slots under DCS integrity. The seed-777 trace (an honest stub's sync capabilities
// left on an adversarial caller's DCS by an unwind) passes ARG-DCS-CONF on spec and impl and
// fails on the design mutant that restores only the base; a hand-built return under dcsInt
// shows the argument slots put back after a callee popped its arguments.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { CORPUS_DIR, counterexamplePath, readCounterexample } from '../counterexamples/store';
import type { DipcScenario } from '../gen/dipc-scenario';
import { checkOn, dipcMachineById } from '../machines/registry';
import { propertyById } from '../properties/catalogue';

const file = counterexamplePath(CORPUS_DIR, 'ARG-DCS-CONF', 'seed777-unwind-leaves-callee-dcs');
const read = readCounterexample(file);
if (E.isLeft(read)) throw new Error(read.left);
const scenario: DipcScenario = { config: read.right.config as DipcScenario['config'], ops: read.right.trace as DipcScenario['ops'] };
const conf = propertyById('ARG-DCS-CONF');
if (conf === undefined) throw new Error('ARG-DCS-CONF missing');

const run = (m: string, sc: DipcScenario) => {
  const factory = dipcMachineById(m);
  if (factory === undefined) throw new Error(`no machine ${m}`);
  const machine = factory.create(sc.config);
  for (const op of sc.ops) machine.step(op);
  return machine.abstract();
};

describe('the seed-777 unwind (issue 12 §2)', () => {
  for (const m of ['spec', 'impl']) {
    test(`passes ARG-DCS-CONF on ${m}`, () => expect(checkOn(conf, scenario, m)?.violation ?? null).toBeNull());

    test(`${m}: p1 resumes with the DCS it had at its call into p2 (p0's two arguments), nothing of p2's stub`, () => {
      const s = run(m, scenario);
      expect(s.os.threads[0].current).toBe(1);
      const th = s.hw.threads[0];
      // p0's stub pushed its two argument capabilities (ids 1 and 2) before calling p1.
      expect(th.dcs).toEqual([1, 2]);
      expect(th.dcsBase).toBe(0);
    });
  }

  test('fails ARG-DCS-CONF on design-unwind-keeps-callee-dcs (only the base restored)', () => {
    const v = checkOn(conf, scenario, 'design-unwind-keeps-callee-dcs')?.violation;
    expect(v?.step).toBe(2);
    expect(v?.observed).toMatch(/honest p2's memory, loadable through its DCS/);
  });
});

/**
 * Honest p0 calls adversarial p1 with one DCS argument under dcsInt, below it an entry of
 * its own (its stack-integrity whole-stack capability); p1 pops its argument, pushes an
 * empty register in its place and returns.
 */
const popper = (policy: ('dcsInt' | 'stackInt')[]): DipcScenario => {
  const sig = { inRegs: 0, outRegs: 1, stackWords: 0, dcsArgs: 1 };
  const config: DipcConfig = {
    wordsPerPage: 16, entryAlign: 1, maxDomains: 10, numCpus: 1, dcsSize: 4, blocks: 4, blockPages: 3, maxProcesses: 2, maxThreads: 1, stackPages: 1,
    processes: [
      { honest: true, codePages: 1, dataPages: 1, threads: 1, exports: [], imports: [{ from: 1, export: 0, sig, policy }] },
      { honest: false, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 0, sig, policy: [] }], imports: [] },
    ],
  } as DipcConfig;
  const ops: DipcOp[] = [{ op: 'stub_call', t: 0, i: 0, args: [] }, { op: 'cap_pop', t: 0, c: 0 }, { op: 'cap_push', t: 0, c: 1 }, { op: 'ret', t: 0 }] as DipcOp[];
  return { config, ops };
};

describe('a return under DCS integrity after the callee swapped its argument', () => {
  for (const m of ['spec', 'impl']) {
    test(`${m}: the caller's epilogue pops and revokes the argument; its own entry stays`, () => {
      const sc = popper(['dcsInt', 'stackInt']);
      const before = run(m, { ...sc, ops: sc.ops.slice(0, 1) });
      const [own, arg] = before.hw.threads[0].dcs;
      expect(before.hw.threads[0].dcs.length).toBe(2);
      const s = run(m, sc);
      expect(s.os.threads[0].kcs.length).toBe(0);
      expect(s.hw.threads[0].dcs).toEqual([]);
      // The stack-integrity epilogue popped its whole-stack capability back into c7.
      expect(s.hw.threads[0].capRegs[7]).toBe(own);
      expect(arg === null ? null : s.hw.caps[arg].revoked).toBe(true);
      for (const id of ['ARG-DCS-INT', 'ARG-REF']) {
        const p = propertyById(id);
        expect(p === undefined ? 'missing' : (checkOn(p, sc, m)?.violation ?? null)).toBeNull();
      }
    });
  }

  test('on design-return-keeps-callee-dcs-args the epilogue pops what the callee pushed, the argument stays unrevoked', () => {
    const sc = popper(['dcsInt', 'stackInt']);
    const p = propertyById('ARG-REF');
    const v = p === undefined ? null : checkOn(p, sc, 'design-return-keeps-callee-dcs-args')?.violation;
    expect(v?.step).toBe(3);
    expect(v?.observed).toMatch(/^it still grants access/);
  });
});
