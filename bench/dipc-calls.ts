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

/**
 * Each call returns to the word after the caller's `call`, so an honest caller walks one
 * word down its code per round trip: the caller gets enough code pages for every call of a
 * run (`calls` words), so that every round trip completes (checked: `completed`).
 */
const WORDS_PER_PAGE = 1024;
const callConfig = (policy: readonly IsolationProp[], calls: number): DipcConfig => {
  const codePages = Math.ceil((calls + 8) / WORDS_PER_PAGE);
  return {
    wordsPerPage: WORDS_PER_PAGE, entryAlign: 4, maxDomains: 16, numCpus: 1, dcsSize: 8,
    blocks: 4, blockPages: codePages + 6, maxProcesses: 3, maxThreads: 2, stackPages: 2,
    processes: [
      { honest: true, codePages, dataPages: 1, threads: 1, imports: [{ from: 1, export: 0, sig: SIG, policy: [...policy] }] },
      { honest: true, codePages: 1, dataPages: 1, threads: 0, exports: [{ code: 1, sig: SIG, policy: [...policy] }] },
    ],
  };
};

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
  /** Round trips that came back without an error, of those timed on the impl (all of them, or the bench is void). */
  readonly completed: number;
  readonly calls: number;
}

const POLICIES: Record<PolicyName, readonly IsolationProp[]> = { none: [], all: ISOLATION_PROPS };

export const runCallBench = (seed: number, calls: number, specCalls: number): CallTimings[] =>
  (['none', 'all'] as const).map((policy) => {
    const cfg = callConfig(POLICIES[policy], calls);
    const ops = callTrace(seed, calls);
    let templates = 0;
    let completed = 0;
    const [impl, spec] = measureAll(
      [
        {
          label: `impl ${policy}`, ops: ops.length, warmupOps: ops.length,
          prepare: (n) => {
            const m = new DipcImplMachine(cfg);
            return () => {
              for (let i = 0; i < n; i++) m.step(ops[i]);
              templates = m.counters().templatesInstantiated;
              completed = m.counters().proxyReturns;
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
    if (completed !== calls) throw new Error(`dIPC call bench (${policy}): only ${completed} of ${calls} round trips completed`);
    return { policy, impl, spec, templates, completed, calls };
  });

/** Round trips per second: one call is two ops (stub_call, stub_return). */
export const callsPerSec = (t: Timing): number => Math.round(1e9 / (2 * t.nsPerOp));
