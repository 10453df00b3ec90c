// The dIPC system at boot (docs/dipc-model.md "Boot"): the whole global space unmapped but
// for what the processes of the config load; tag 0 and block 0 are the kernel's.
import * as E from 'fp-ts/lib/Either.js';
import type { DipcConfig } from '../../../alphabet/dipc-config';
import type { DipcState } from '../../state/dipc';
import { initialState } from '../../state/machine';
import { createProcess, createThread, freshContext, stackPointerIn } from './lifecycle';

export const initialDipcState = (cfg: DipcConfig): DipcState => {
  const totalPages = cfg.blocks * cfg.blockPages;
  const maxThreads = Math.max(1, cfg.maxThreads);
  const hw = initialState({
    wordsPerPage: cfg.wordsPerPage,
    entryAlign: cfg.entryAlign,
    numDomains: cfg.maxDomains,
    numCpus: cfg.numCpus,
    dcsSize: cfg.dcsSize,
    pages: Array.from({ length: totalPages }, () => ({ mapped: false, tag: 0, read: false, write: false, exec: false, priv: false, capStore: false })),
    apl: [],
    // Every thread slot exists in the hardware from boot; the kernel says which are in use.
    threads: Array.from({ length: maxThreads }, (_, i) => ({ ip: -1, sp: 0, cpu: i % Math.max(1, cfg.numCpus) })),
  });
  let s: DipcState = {
    config: cfg,
    hw,
    os: {
      blocks: cfg.blocks,
      blockPages: cfg.blockPages,
      maxProcesses: cfg.maxProcesses,
      maxThreads,
      processes: [],
      threads: [],
      domains: new Map([[0, { kind: 'kernel', creator: null }]]),
      grants: [],
      entries: [],
      proxies: [],
      blockOwners: Array.from({ length: cfg.blocks }, (_, i) => (i === 0 ? 'kernel' : null)),
      kernelNextPage: 0,
      ledger: [],
    },
  };
  // Processes that do not fit (slots, blocks, tags) are left out, as a real boot would fail them.
  for (const pc of cfg.processes) {
    const made = createProcess(s, pc.honest, pc.codePages, pc.dataPages, null);
    if (E.isLeft(made)) continue;
    s = made.right.state;
    for (let i = 0; i < pc.threads; i++) {
      const index = s.os.threads.length;
      const th = createThread(s, made.right.pid, freshContext(s.hw, index, made.right.code * s.hw.wordsPerPage, stackPointerIn(s, made.right.data)));
      if (E.isRight(th)) s = th.right.state;
    }
  }
  return s;
};
