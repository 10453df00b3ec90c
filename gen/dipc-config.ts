// Generated dIPC systems: 2-4 processes (honest or adversarial) with 1-2 threads each, in a
// small global address space so that blocks, tags and slots run out within a trace.
import fc from 'fast-check';
import type { DipcConfig } from '../alphabet/dipc-config';
import type { DipcBounds } from './dipc-bounds';

export const dipcConfigArb = (b: DipcBounds): fc.Arbitrary<DipcConfig> =>
  fc.record({
    wordsPerPage: fc.constant(16),
    entryAlign: fc.constant(4),
    maxDomains: fc.integer({ min: 6, max: 16 }),
    numCpus: fc.integer({ min: 1, max: 2 }),
    dcsSize: fc.constant(4),
    blocks: fc.integer({ min: 4, max: 8 }),
    blockPages: fc.integer({ min: 3, max: 6 }),
    maxProcesses: fc.integer({ min: b.minProcesses, max: b.maxProcesses + 2 }),
    maxThreads: fc.integer({ min: 2, max: b.maxProcesses * b.maxThreadsPerProcess + 1 }),
    processes: fc.array(
      fc.record({
        honest: fc.boolean(),
        codePages: fc.integer({ min: 1, max: 2 }),
        dataPages: fc.integer({ min: 1, max: 2 }),
        threads: fc.integer({ min: 1, max: b.maxThreadsPerProcess }),
      }),
      { minLength: b.minProcesses, maxLength: b.maxProcesses },
    ),
  });
