// The call tracker says which proxy a call went through from what it saw (the proxy whose
// first instruction the caller's control transfer reached, or the proxy an outer proxy's
// published entry address leads into), never from the KCS frame's `proxy` index
// (docs/security.md). On the reference spec the two must agree on every call: this test
// is what lets the oracles drop the frame's index.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { DIPC_BOUNDS } from '../gen/dipc-bounds';
import { dipcScenarioArb } from '../gen/dipc-scenario';
import { securityScenarioArb } from '../gen/security-scenario';
import { dipcMachineById } from '../machines/registry';
import { checkStepsIn } from '../properties/observe';
import { CallTracker } from '../properties/security/call-tracker';
import { Witness } from '../properties/security/witness/witness';
import { DIPC_LAYER } from '../refinement/layer';
import type { DipcState } from '../spec/state/dipc';
import { TEST_SEED } from './budget';

/** Every call the tracker opened on the spec, with the frame the kernel pushed for it. */
const agree = (scenario: { readonly config: DipcConfig; readonly ops: readonly DipcOp[] }): { calls: number; mismatch: string | null } => {
  const w = new Witness();
  const tracker = new CallTracker(w);
  let calls = 0;
  const factory = dipcMachineById('spec');
  if (factory === undefined) throw new Error('no spec machine');
  const verdict = checkStepsIn(DIPC_LAYER, scenario, factory, ({ op, pre, post, output }) => {
    const events = tracker.observe(op, pre as DipcState, post as DipcState, output);
    w.observe(op, pre as DipcState, output, post as DipcState);
    for (const e of events) {
      if (e.k !== 'call') continue;
      calls++;
      const frame = (post as DipcState).os.threads[e.call.t]?.kcs[e.call.depth - 1];
      if (frame?.proxy !== e.call.proxy) return { expected: `tracker's proxy ${e.call.proxy}`, observed: `frame's proxy ${frame?.proxy}` };
    }
    return null;
  });
  return { calls, mismatch: verdict.violation === null ? null : `${verdict.violation.expected} / ${verdict.violation.observed} at step ${verdict.violation.step}` };
};

describe(`the call tracker's proxy is the frame's on the reference spec (seed ${TEST_SEED})`, () => {
  for (const [name, arb] of [
    ['security scenarios', securityScenarioArb()],
    ['dIPC scenarios', dipcScenarioArb(DIPC_BOUNDS, DIPC_BOUNDS.maxOps)],
  ] as const) {
    test(name, () => {
      let calls = 0;
      fc.assert(
        fc.property(arb, (sc) => {
          const r = agree(sc);
          calls += r.calls;
          expect(r.mismatch).toBeNull();
        }),
        { seed: TEST_SEED, numRuns: 150 },
      );
      // The generators do make calls: an empty comparison would prove nothing.
      expect(calls).toBeGreaterThan(50);
    });
  }
});
