// The dIPC call round trip (issue 3): a stub_call through a proxy and the callee's
// stub_return, repeated, on the spec and on the impl with the same trace, under the cheapest
// policy (no isolation property) and the most isolating one (all seven on both sides).
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcOp } from '../alphabet/dipc-ops';
import { ISOLATION_PROPS, type IsolationProp } from '../alphabet/policy';
import { DipcImplMachine } from '../impl/dipc/machine';
import { initialDipcState } from '../spec/transitions/dipc/boot';
import { dipcStep } from '../spec/transitions/dipc/step';
import { measureAll, type Timing } from './measure';

const SIG = { inRegs: 2, outRegs: 1, stackWords: 2, dcsArgs: 1 };

export type PolicyName = 'none' | 'all';

const callConfig = (policy: readonly IsolationProp[]): DipcConfig => ({
  wordsPerPage: 16, entryAlign: 4, maxDomains: 16, numCpus: 1, dcsSize: 8,
  blocks: 4, blockPages: 12, maxProcesses: 3, maxThreads: 2, stackPages: 2,
  processes: [
    { honest: true, codePages: 1, dataPages: 1, threads: 1, imports: [{ from: 1, export: 0, sig: SIG, policy: [...policy] }] },
    { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 1, sig: SIG, policy: [...policy] }] },
  ],
});

/** `calls` round trips: each a stub_call then the callee's stub_return (2 ops). */
const callTrace = (seed: number, calls: number): DipcOp[] => {
  const ops: DipcOp[] = [];
  for (let i = 0; i < calls; i++) {
    const a = (seed + i) % 97;
    ops.push({ op: 'stub_call', t: 0, i: 0, args: [a, a + 1, a + 2, a + 3] }, { op: 'stub_return', t: 0, results: [a * 2] });
  }
  return ops;
};

export interface CallTimings {
  readonly policy: PolicyName;
  readonly spec: Timing;
  readonly impl: Timing;
  /** Distinct proxy templates the impl instantiated for the run. */
  readonly templates: number;
}

const POLICIES: Record<PolicyName, readonly IsolationProp[]> = { none: [], all: ISOLATION_PROPS };

export const runCallBench = (seed: number, calls: number, specCalls: number): CallTimings[] =>
  (['none', 'all'] as const).map((policy) => {
    const cfg = callConfig(POLICIES[policy]);
    const ops = callTrace(seed, calls);
    let templates = 0;
    const [impl, spec] = measureAll(
      [
        {
          label: `impl ${policy}`, ops: ops.length, warmupOps: ops.length,
          prepare: (n) => {
            const m = new DipcImplMachine(cfg);
            return () => {
              for (let i = 0; i < n; i++) m.step(ops[i]);
              templates = m.counters().templatesInstantiated;
            };
          },
        },
        {
          label: `spec ${policy}`, ops: 2 * specCalls, warmupOps: 2 * Math.min(specCalls, 200),
          prepare: (n) => {
            let s = initialDipcState(cfg);
            return () => {
              for (let i = 0; i < n; i++) s = dipcStep(s, ops[i]).state;
            };
          },
        },
      ],
      { warmups: 1, rounds: 5 },
    );
    return { policy, impl, spec, templates };
  });

/** Round trips per second: one call is two ops (stub_call, stub_return). */
export const callsPerSec = (t: Timing): number => Math.round(1e9 / (2 * t.nsPerOp));
