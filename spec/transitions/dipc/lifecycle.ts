// Making processes and primary threads (§5.2.1, §6.1.3), shared by boot, spawn,
// thread_create, fork and exec.
import * as E from 'fp-ts/lib/Either.js';
import { NUM_CAP_REGS, NUM_REGS, SP } from '../../../alphabet/config';
import type { DipcError } from '../../../alphabet/output';
import type { DipcState } from '../../state/dipc';
import type { SpecState } from '../../state/machine';
import type { Process } from '../../state/processes';
import type { ThreadState } from '../../state/threads';
import { firstPageOfBlock, freeBlock, nextFreeTag, takePages } from './alloc';
import { mapPages, replaceProcess, UNMAPPED, withHw, withOs } from './result';

const codePage = (tag: number) => ({ mapped: true, tag, read: true, write: false, exec: true, priv: false, capStore: false });
const dataPage = (tag: number) => ({ mapped: true, tag, read: true, write: true, exec: false, priv: false, capStore: false });

/** Give `pid` a fresh block: code pages then data pages in its default domain. Returns the first code and data page. */
export const loadImage = (
  s0: DipcState, pid: number, block: number, codePages: number, dataPages: number,
): { state: DipcState; code: number; data: number | null } => {
  const p = s0.os.processes[pid];
  let s = withOs(s0, { blockOwners: s0.os.blockOwners.map((o, i) => (i === block ? pid : o)) });
  s = replaceProcess(s, pid, { ...p, block, nextPage: 0, tls: firstPageOfBlock(s, block) * s.hw.wordsPerPage, dipc: true });
  const nCode = Math.min(codePages, s.os.blockPages);
  const code = takePages(s, pid, nCode);
  if (code === null) return { state: s, code: firstPageOfBlock(s, block), data: null };
  s = withHw(code.state, mapPages(code.state.hw, code.first, nCode, codePage(p.defaultDomain)));
  const nData = Math.min(dataPages, s.os.blockPages - nCode);
  const data = nData > 0 ? takePages(s, pid, nData) : null;
  if (data === null) return { state: s, code: code.first, data: null };
  s = withHw(data.state, mapPages(data.state.hw, data.first, nData, dataPage(p.defaultDomain)));
  return { state: s, code: code.first, data: data.first };
};

/** Release a block: unmap its pages and mark it free. */
export const releaseBlock = (s: DipcState, block: number): DipcState => {
  const first = firstPageOfBlock(s, block);
  return withHw(
    withOs(s, { blockOwners: s.os.blockOwners.map((o, i) => (i === block ? null : o)) }),
    mapPages(s.hw, first, s.os.blockPages, UNMAPPED),
  );
};

/**
 * A new dIPC process with a default domain and a loaded image.
 * Errors: noProcess (no slot), noMemory (no block), noTags (no tag for its default domain).
 */
export const createProcess = (
  s0: DipcState, honest: boolean, codePages: number, dataPages: number, parent: number | null,
): E.Either<DipcError, { state: DipcState; pid: number; code: number; data: number | null }> => {
  if (s0.os.processes.length >= s0.os.maxProcesses) return E.left('noProcess');
  const block = freeBlock(s0);
  if (block === null) return E.left('noMemory');
  const tag = nextFreeTag(s0);
  if (tag === null) return E.left('noTags');
  const pid = s0.os.processes.length;
  const proc: Process = {
    alive: true, dipc: true, honest, defaultDomain: tag, handles: [], resource: 100 + pid, tls: 0,
    block: null, nextPage: 0, threadIds: new Map(), nextThreadId: 1, parent,
  };
  const domains = new Map(s0.os.domains);
  domains.set(tag, { kind: 'default', creator: pid });
  const s = withOs(s0, { processes: [...s0.os.processes, proc], domains });
  const img = loadImage(s, pid, block, codePages, dataPages);
  return E.right({ state: img.state, pid, code: img.code, data: img.data });
};

/** The CODOMs context of a thread that starts at `ip` with stack pointer `sp`. */
export const freshContext = (hw: SpecState, index: number, ip: number, sp: number): ThreadState => {
  const regs = new Array<number>(NUM_REGS).fill(0);
  regs[SP] = sp;
  return { ip, regs, capRegs: new Array(NUM_CAP_REGS).fill(null), dcs: [], dcsBase: 0, cpu: index % hw.numCpus, faults: 0 };
};

/** A new primary thread at home in `pid`, with the given CODOMs context. Error: noThreads. */
export const createThread = (s: DipcState, pid: number, ctx: ThreadState): E.Either<DipcError, { state: DipcState; index: number }> => {
  const index = s.os.threads.length;
  if (index >= s.os.maxThreads || index >= s.hw.threads.length) return E.left('noThreads');
  const p = s.os.processes[pid];
  const threadIds = new Map(p.threadIds);
  threadIds.set(index, p.nextThreadId);
  const withThread = withOs(s, { threads: [...s.os.threads, { home: pid, current: pid, ended: false }] });
  const hw = { ...s.hw, threads: s.hw.threads.map((old, i) => (i === index ? ctx : old)) };
  return E.right({ state: replaceProcess(withHw(withThread, hw), pid, { ...p, threadIds, nextThreadId: p.nextThreadId + 1 }), index });
};

/** Middle of a page: where a fresh stack pointer starts. */
export const stackPointerIn = (s: DipcState, page: number | null): number =>
  page === null ? 0 : page * s.hw.wordsPerPage + Math.floor(s.hw.wordsPerPage / 2);
