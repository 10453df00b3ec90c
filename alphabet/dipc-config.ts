// The static description of a dIPC system at boot: machine parameters, the global virtual
// address space, and the processes with their threads (docs/dipc-model.md "Boot").
import * as t from 'io-ts';
import { Bool, exact, listOf, refine } from './codec';
import { MODEL_LIMITS, modelTooLarge } from './config';
import { Int, intIn } from './int';
import { PolicyC, SignatureC } from './policy';

/** An entry point a process exports at boot: the i-th entry-aligned address of its code, with the callee's policy. */
export const ExportC = exact('an export', { code: intIn(0, 255), sig: SignatureC, policy: PolicyC });
/** An entry point a process imports at boot: export `export` of process `from`, with the caller's expected signature and policy. */
export const ImportC = exact('an import', { from: intIn(0, 255), export: intIn(0, 255), sig: SignatureC, policy: PolicyC });

export const ProcessConfigC = exact(
  'a process',
  {
    honest: Bool,
    codePages: intIn(1, 4),
    dataPages: intIn(1, 4),
    threads: intIn(0, 4),
  },
  {
    exports: listOf(ExportC, 'a list of exports', 256),
    imports: listOf(ImportC, 'a list of imports', 256),
    /**
     * The words its data pages hold at boot, from the first data word on (words past the
     * pages are dropped). An honest process's are its private memory: the secrets the
     * relational confidentiality properties vary (DESIGN §6).
     */
    data: listOf(Int, 'a list of words', MODEL_LIMITS.words),
  },
);
export type ProcessConfig = t.TypeOf<typeof ProcessConfigC>;

const DipcConfigFieldsC = exact(
  'a dIPC config',
  {
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
  processes: listOf(ProcessConfigC, 'a list of processes', 256),
  },
  /** Pages of each data stack (one per thread and process it runs in); 2 when absent. */
  { stackPages: intIn(1, 16) },
);

export const DipcConfigC = refine(DipcConfigFieldsC, (c) => modelTooLarge(c.blocks * c.blockPages, c.wordsPerPage, `${c.blocks} blocks × ${c.blockPages} pages`));
export type DipcConfig = t.TypeOf<typeof DipcConfigC>;
