// The dIPC system at boot (docs/dipc-model.md "Boot"): the whole global space unmapped but
// for what the processes of the config load; tag 0 and block 0 are the kernel's. Then, as
// the loaders of §5.3.2 would, every export is registered (one entry handle each) and sent
// to every process that imports it.
import * as E from 'fp-ts/lib/Either.js';
import type { DipcConfig, ProcessConfig } from '../../../alphabet/dipc-config';
import { canonicalPolicy, canonicalSignature } from '../../../alphabet/policy';
import { resolveIndex, toWord } from '../../../alphabet/resolve';
import { writeWord } from '../data';
import type { DipcState } from '../../state/dipc';
import { initialState } from '../../state/machine';
import { registerEntries } from './entries';
import { createProcess, spawnThread } from './lifecycle';
import { handleSend } from './processes';
import { replaceProcess } from './result';

/** The data words the config gives the process, written from the first word of its data pages (those past them are dropped). */
const loadData = (s: DipcState, pc: ProcessConfig, dataPage: number | null): DipcState => {
  if (dataPage === null || pc.data === undefined || pc.data.length === 0) return s;
  const W = s.hw.wordsPerPage;
  const pages = Math.min(pc.dataPages, s.os.blockPages - Math.min(pc.codePages, s.os.blockPages));
  let memory = s.hw.memory;
  pc.data.slice(0, pages * W).forEach((v, i) => {
    memory = writeWord(memory, dataPage * W + i, toWord(v));
  });
  return { ...s, hw: { ...s.hw, memory } };
};

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
  // Processes and threads that do not fit (slots, blocks, tags, pages) are left out, as a real boot would fail them.
  const codeOf: number[] = [];
  for (const pc of cfg.processes) {
    const made = createProcess(s, pc.honest, pc.codePages, pc.dataPages, null);
    if (E.isLeft(made)) continue;
    s = made.right.state;
    codeOf.push(made.right.code);
    s = loadData(s, pc, made.right.data);
    for (let i = 0; i < pc.threads; i++) {
      const th = spawnThread(s, made.right.pid, made.right.code * s.hw.wordsPerPage);
      if (E.isRight(th)) s = th.right.state;
    }
  }
  // Exports: the code-th entry-aligned address of the process's first code page, one entry handle each.
  const booted = cfg.processes.slice(0, s.os.processes.length);
  booted.forEach((pc, pid) => {
    for (const ex of pc.exports ?? []) {
      const perPage = Math.ceil(s.hw.wordsPerPage / s.hw.entryAlign);
      const address = codeOf[pid] * s.hw.wordsPerPage + resolveIndex(ex.code, perPage) * s.hw.entryAlign;
      const r = registerEntries(s, pid, s.os.processes[pid].defaultDomain, [{ address, signature: canonicalSignature(ex.sig), policy: canonicalPolicy(ex.policy) }]);
      if (E.isLeft(r)) continue;
      const p = r.right.state.os.processes[pid];
      s = replaceProcess(r.right.state, pid, { ...p, exports: [...p.exports, r.right.value] });
    }
  });
  // Imports: the exporter sends the entry handle (an explicit act, in the ledger); the importer's slot remembers it.
  booted.forEach((pc, pid) => {
    for (const im of pc.imports ?? []) {
      const from = resolveIndex(im.from, s.os.processes.length);
      const exports = s.os.processes[from].exports;
      const handle = exports.length === 0 ? null : exports[resolveIndex(im.export, exports.length)];
      let received: number | null = null;
      if (handle !== null) {
        const sent = handleSend(s, from, handle, pid);
        if (E.isRight(sent)) {
          s = sent.right.state;
          received = sent.right.value;
        }
      }
      const p = s.os.processes[pid];
      s = replaceProcess(s, pid, {
        ...p,
        imports: [...p.imports, { handle: received, signature: canonicalSignature(im.sig), policy: canonicalPolicy(im.policy), proxy: null }],
      });
    }
  });
  return s;
};
