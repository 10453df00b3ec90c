// Honest progress (issue 12 §2, a part of P5): an honest thread never faults, ends, or loses
// a capability it owns because of what an adversary did, under the policy condition
// progress-guarantee.ts states. Shown to fail by the design mutant
// design-unwind-clears-stack-cap (its stored trace, killed by the progress part itself), and
// each condition shown needed by a finding (test/findings.test.ts replays them on P5).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, test } from 'vitest';
import { CORPUS_DIR, counterexamplePath, readCounterexample } from '../counterexamples/store';
import { scenarioOf } from '../counterexamples/shrink';
import { checkOn } from '../machines/registry';
import type { IsolationProp } from '../alphabet/policy';
import type { ProgressCall } from '../properties/security/progress';
import { PROGRESS, PROGRESS_CONDITION, PROGRESS_FINDINGS, PROGRESS_UNGUARDED } from '../properties/security/progress-guarantee';

const call = (policy: IsolationProp[], callerPolicy: IsolationProp[] | null, calleePolicy: IsolationProp[], dcsArgs = 1): ProgressCall =>
  ({ open: { policy, callerPolicy, calleePolicy, signature: { inRegs: 0, outRegs: 0, stackWords: 0, dcsArgs } } }) as unknown as ProgressCall;

const stored = (property: string, name: string) => {
  const cx = readCounterexample(counterexamplePath(CORPUS_DIR, property, name));
  if (E.isLeft(cx)) throw new Error(cx.left);
  return scenarioOf(cx.right);
};

describe('honest progress', () => {
  test('the condition: the honest caller needs (stackConf or stackInt) and (dcsInt or dcsConf); the honest callee stackConf, dcsConf, and argCopy for buffers', () => {
    expect(PROGRESS_CONDITION(call(['stackConf', 'dcsConf'], [], []), 'caller')).toBe(true);
    expect(PROGRESS_CONDITION(call(['dcsConf'], ['stackInt'], []), 'caller')).toBe(true);
    expect(PROGRESS_CONDITION(call(['dcsConf'], [], []), 'caller')).toBe(false);
    expect(PROGRESS_CONDITION(call(['stackConf', 'dcsInt'], [], []), 'caller')).toBe(true);
    expect(PROGRESS_CONDITION(call(['stackConf'], [], []), 'caller')).toBe(false);
    expect(PROGRESS_CONDITION(call(['stackConf', 'dcsConf'], [], ['argCopy']), 'callee')).toBe(true);
    expect(PROGRESS_CONDITION(call(['stackConf', 'dcsConf'], [], [], 0), 'callee')).toBe(true);
    expect(PROGRESS_CONDITION(call(['stackConf', 'dcsConf'], [], []), 'callee')).toBe(false);
    expect(PROGRESS_CONDITION(call(['dcsConf'], [], ['argCopy']), 'callee')).toBe(false);
  });

  test('design-unwind-clears-stack-cap: the progress part alone kills it on its stored trace (the caller resumed without c7) and passes the spec', () => {
    const sc = stored('P5', 'design-unwind-clears-stack-cap');
    const v = checkOn(PROGRESS, sc, 'design-unwind-clears-stack-cap')?.violation;
    expect(v?.expected).toMatch(/c7 is its capability/);
    expect(checkOn(PROGRESS, sc, 'spec')?.violation ?? null).toBeNull();
    expect(checkOn(PROGRESS, sc, 'impl')?.violation ?? null).toBeNull();
  });

  for (const f of PROGRESS_FINDINGS) {
    test(`${f.id}: its trace breaks the unguarded form and passes the guarded part (the condition excludes it)`, () => {
      const sc = stored(f.id, 'finding');
      expect(checkOn(PROGRESS_UNGUARDED, sc, 'impl')?.violation).not.toBeNull();
      expect(checkOn(PROGRESS, sc, 'impl')?.violation ?? null).toBeNull();
      expect(checkOn(PROGRESS, sc, 'spec')?.violation ?? null).toBeNull();
    });
  }
});
