// DESIGN §11 (issue 12 §2): a caller the kernel resumes through an unwind or a time-out gets
// back no register the callee could have written, whatever the policy. Issue 12's attack
// (under High on every link, `stub_call; stub_call; stub_return(1234,5678); timeout` handed
// the results an honest process received to the adversarial caller in r0) is stored in the
// corpus; here it passes ARG-REG-CONF on spec and impl, and fails on the mutant that skips
// the clearing, through the unwind channel (which the relational check no longer releases).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, test } from 'vitest';
import { ERR_REG, NUM_CAP_REGS, RET_CAP, SP, STACK_CAP } from '../alphabet/config';
import { CORPUS_DIR, counterexamplePath, readCounterexample } from '../counterexamples/store';
import type { DipcScenario } from '../gen/dipc-scenario';
import { dipcMachineById } from '../machines/registry';
import { checkOn } from '../machines/registry';
import { propertyById } from '../properties/catalogue';
import { ERR_TIMEOUT } from '../spec/transitions/dipc/unwind';

const file = counterexamplePath(CORPUS_DIR, 'ARG-REG-CONF', 'high-timeout-hands-over-results');
const read = readCounterexample(file);
if (E.isLeft(read)) throw new Error(read.left);
const scenario: DipcScenario = { config: read.right.config as DipcScenario['config'], ops: read.right.trace as DipcScenario['ops'] };
const prop = propertyById('ARG-REG-CONF');
if (prop === undefined) throw new Error('ARG-REG-CONF missing');

describe("issue 12's High time-out attack (DESIGN §11)", () => {
  for (const m of ['spec', 'impl']) {
    test(`passes ARG-REG-CONF on ${m}`, () => expect(checkOn(prop, scenario, m)?.violation ?? null).toBeNull());

    test(`${m}: the timed-out caller resumes with r0-r6 zero, c0-c5 empty, r7 the error`, () => {
      const factory = dipcMachineById(m);
      expect(factory).toBeDefined();
      if (factory === undefined) return;
      const machine = factory.create(scenario.config);
      for (const op of scenario.ops) machine.step(op);
      const s = machine.abstract();
      const th = s.hw.threads[0];
      expect(s.os.threads[0].current).toBe(0);
      expect(th.regs.slice(0, ERR_REG)).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(th.regs[ERR_REG]).toBe(ERR_TIMEOUT);
      expect(th.regs[SP]).not.toBe(0);
      expect(th.capRegs.slice(0, RET_CAP)).toEqual(Array.from({ length: RET_CAP }, () => null));
      expect(th.capRegs.length).toBe(NUM_CAP_REGS);
      expect(th.capRegs[STACK_CAP]).not.toBeNull();
    });
  }

  test('fails on unwind-keeps-registers, through the unwind channel', () => {
    const v = checkOn(prop, scenario, 'unwind-keeps-registers')?.violation;
    expect(v?.step).toBe(3);
    expect(v?.observed).toMatch(/t0's r0 is 1234 in one run and \d+ in the other, after the unwinding of a call into honest p1/);
  });
});
