// Generated dIPC systems: 2-4 processes (honest or adversarial) with 1-2 threads each, each
// exporting and importing entry points (signatures mostly agreeing, policies random), in a
// small global address space so that blocks, tags and slots run out within a trace.
import fc from 'fast-check';
import type { DipcConfig, ProcessConfig } from '../alphabet/dipc-config';
import type { DipcBounds } from './dipc-bounds';
import { policyArb, signatureArb } from './dipc-ops';

const exportArb = fc.record({ code: fc.integer({ min: 0, max: 3 }), sig: signatureArb, policy: policyArb });

const processArb = (b: DipcBounds): fc.Arbitrary<ProcessConfig> =>
  fc.record({
    honest: fc.boolean(),
    codePages: fc.integer({ min: 1, max: 2 }),
    dataPages: fc.integer({ min: 1, max: 2 }),
    threads: fc.integer({ min: 1, max: b.maxThreadsPerProcess }),
    exports: fc.array(exportArb, { minLength: 1, maxLength: 2 }),
  });

/** Imports name an export of another process; most reuse its signature so entry_request matches. */
const withImports = (procs: ProcessConfig[]): fc.Arbitrary<ProcessConfig[]> =>
  fc.tuple(
    ...procs.map((_, pid) =>
      fc.array(
        fc.record({
          from: fc.integer({ min: 0, max: procs.length - 1 }).map((f) => (f === pid ? (f + 1) % procs.length : f)),
          export: fc.integer({ min: 0, max: 1 }),
          agree: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
          sig: signatureArb,
          policy: policyArb,
        }),
        { minLength: 1, maxLength: 2 },
      ),
    ),
  ).map((imports) =>
    procs.map((p, pid) => ({
      ...p,
      imports: imports[pid].map(({ from, export: ex, agree, sig, policy }) => {
        const exps = procs[from].exports ?? [];
        const target = exps.length === 0 ? undefined : exps[ex % exps.length];
        return { from, export: ex, sig: agree && target !== undefined ? target.sig : sig, policy };
      }),
    })),
  );

export const dipcConfigArb = (b: DipcBounds): fc.Arbitrary<DipcConfig> =>
  fc.record({
    wordsPerPage: fc.constant(16),
    entryAlign: fc.constant(4),
    maxDomains: fc.integer({ min: 12, max: 24 }),
    numCpus: fc.integer({ min: 1, max: 2 }),
    dcsSize: fc.integer({ min: 4, max: 8 }),
    blocks: fc.integer({ min: b.maxProcesses + 1, max: b.maxProcesses + 3 }),
    blockPages: fc.integer({ min: 8, max: 14 }),
    maxProcesses: fc.integer({ min: b.minProcesses, max: b.maxProcesses + 2 }),
    maxThreads: fc.integer({ min: 2, max: b.maxProcesses * b.maxThreadsPerProcess + 1 }),
    stackPages: fc.integer({ min: 1, max: 2 }),
    processes: fc.array(processArb(b), { minLength: b.minProcesses, maxLength: b.maxProcesses }).chain(withImports),
  });
