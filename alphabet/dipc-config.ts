// The static description of a dIPC system at boot: machine parameters, the global virtual
// address space, and the processes with their threads (docs/dipc-model.md "Boot").
import * as t from 'io-ts';
import { intIn } from './int';

export const ProcessConfigC = t.type({
  honest: t.boolean,
  codePages: intIn(1, 4),
  dataPages: intIn(1, 4),
  threads: intIn(0, 4),
});
export type ProcessConfig = t.TypeOf<typeof ProcessConfigC>;

export const DipcConfigC = t.type({
  wordsPerPage: intIn(4, 64),
  entryAlign: intIn(1, 64),
  /** Tag capacity of the APLs: dom_create fails with noTags past it. */
  maxDomains: intIn(2, 1024),
  numCpus: intIn(1, 64),
  dcsSize: intIn(1, 256),
  /** The global virtual address space: `blocks` blocks of `blockPages` pages; block 0 is the kernel's. */
  blocks: intIn(2, 4096),
  blockPages: intIn(1, 1024),
  maxProcesses: intIn(1, 256),
  maxThreads: intIn(1, 256),
  processes: t.array(ProcessConfigC),
});
export type DipcConfig = t.TypeOf<typeof DipcConfigC>;
