// Making processes and primary threads (§5.2.1, §6.1.3), shared by boot, spawn,
// thread_create, fork and exec.
import * as E from 'fp-ts/lib/Either.js';
import { NUM_CAP_REGS, NUM_REGS, SP, STACK_CAP } from '../../../alphabet/config';
import type { DipcError } from '../../../alphabet/output';
import type { CapNode } from '../../state/capabilities';
import type { DipcState } from '../../state/dipc';
import type { KernelThread } from '../../state/kernel-threads';
import type { StackRegion } from '../../state/kcs';
import type { SpecState } from '../../state/machine';
import type { Process } from '../../state/processes';
import type { ThreadState } from '../../state/threads';
import { firstPageOfBlock, freeBlock, nextFreeTag, takePages } from './alloc';
import { mapPages, replaceProcess, UNMAPPED, withHw, withOs } from './result';

const codePage = (tag: number) => ({ mapped: true, tag, read: true, write: false, exec: true, priv: false, capStore: false });
const dataPage = (tag: number) => ({ mapped: true, tag, read: true, write: true, exec: false, priv: false, capStore: false });

/** The kernel's tag: capabilities the kernel makes (stacks, return paths) record it as creator. */
export const KERNEL_TAG = 0;

export const stackPagesOf = (s: DipcState): number => s.config.stackPages ?? 2;

/** Give `pid` a fresh block: code pages then data pages in its default domain. Returns the first code and data page. */
export const loadImage = (
  s0: DipcState, pid: number, block: number, codePages: number, dataPages: number,
): { state: DipcState; code: number; data: number | null } => {
  const p = s0.os.processes[pid];
  let s = withOs(s0, { blockOwners: s0.os.blockOwners.map((o, i) => (i === block ? pid : o)) });
  s = replaceProcess(s, pid, { ...p, block, nextPage: 0, tls: firstPageOfBlock(s, block) * s.hw.wordsPerPage, dipc: true, data: null });
  const nCode = Math.min(codePages, s.os.blockPages);
  const code = takePages(s, pid, nCode);
  if (code === null) return { state: s, code: firstPageOfBlock(s, block), data: null };
  s = withHw(code.state, mapPages(code.state.hw, code.first, nCode, codePage(p.defaultDomain)));
  const nData = Math.min(dataPages, s.os.blockPages - nCode);
  const data = nData > 0 ? takePages(s, pid, nData) : null;
  if (data === null) return { state: s, code: code.first, data: null };
  s = withHw(data.state, mapPages(data.state.hw, data.first, nData, dataPage(p.defaultDomain)));
  s = replaceProcess(s, pid, { ...s.os.processes[pid], data: data.first * s.hw.wordsPerPage });
  return { state: s, code: code.first, data: data.first };
};

/**
 * Release a block: unmap its pages, wipe their words and capability slots, and revoke every
 * capability that reaches into it, so that whoever gets the block next inherits nothing
 * (no data of the old owner, no capability of a third process over the new owner's pages).
 */
export const releaseBlock = (s: DipcState, block: number): DipcState => {
  const W = s.hw.wordsPerPage;
  const lo = firstPageOfBlock(s, block) * W;
  const hi = lo + s.os.blockPages * W;
  const inside = (a: number) => a >= lo && a < hi;
  const hw = mapPages(s.hw, lo / W, s.os.blockPages, UNMAPPED);
  return withHw(withOs(s, { blockOwners: s.os.blockOwners.map((o, i) => (i === block ? null : o)) }), {
    ...hw,
    memory: new Map([...hw.memory].filter(([a]) => !inside(a))),
    capMemory: new Map([...hw.capMemory].filter(([a]) => !inside(a))),
    caps: hw.caps.map((c) => (!c.revoked && c.base < hi && c.base + c.length > lo ? { ...c, revoked: true } : c)),
  });
};

/**
 * A new dIPC process with a default domain, a stack domain and a loaded image.
 * Errors: noProcess (no slot), noMemory (no block), noTags (no two free tags).
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
  const domains = new Map(s0.os.domains);
  domains.set(tag, { kind: 'default', creator: pid });
  const stackTag = nextFreeTag(withOs(s0, { domains }));
  if (stackTag === null) return E.left('noTags');
  domains.set(stackTag, { kind: 'stack', creator: pid });
  const proc: Process = {
    alive: true, dipc: true, honest, defaultDomain: tag, stackDomain: stackTag, handles: [], resource: 100 + pid, tls: 0, data: null,
    block: null, nextPage: 0, threadIds: new Map(), nextThreadId: 1, parent, exports: [], imports: [], cpuTime: 0,
  };
  const s = withOs(s0, { processes: [...s0.os.processes, proc], domains });
  const img = loadImage(s, pid, block, codePages, dataPages);
  return E.right({ state: img.state, pid, code: img.code, data: img.data });
};

/** A register file and capability registers for a thread starting at `ip` with stack `region`. */
export const freshContext = (hw: SpecState, index: number, ip: number, region: StackRegion | null): ThreadState => {
  const regs = new Array<number>(NUM_REGS).fill(0);
  regs[SP] = region === null ? 0 : region.first + region.words;
  const capRegs = new Array<number | null>(NUM_CAP_REGS).fill(null);
  if (region !== null) capRegs[STACK_CAP] = region.cap;
  return { ip, regs, capRegs, dcs: [], dcsBase: 0, cpu: index % hw.numCpus, faults: 0 };
};

/**
 * A data stack for thread t in process pid (§5.2.1): stackPages pages of pid's block in its
 * stack domain, and a sync write capability owned by t, made by the kernel. Error: noMemory.
 */
export const allocStack = (s: DipcState, t: number, pid: number): E.Either<DipcError, { state: DipcState; region: StackRegion }> => {
  const n = stackPagesOf(s);
  const got = takePages(s, pid, n);
  if (got === null) return E.left('noMemory');
  const p = got.state.os.processes[pid];
  const W = s.hw.wordsPerPage;
  const stackPage = { mapped: true, tag: p.stackDomain, read: true, write: true, exec: false, priv: false, capStore: false };
  const cap: CapNode = {
    parent: null, base: got.first * W, length: n * W, perm: 'write', kind: 'sync', owner: t, creatorTag: KERNEL_TAG, revoked: false,
  };
  const region: StackRegion = { first: got.first * W, words: n * W, cap: got.state.hw.caps.length };
  const hw = { ...mapPages(got.state.hw, got.first, n, stackPage), caps: [...got.state.hw.caps, cap] };
  return E.right({ state: withHw(got.state, hw), region });
};

/** Record that thread t has `region` as its stack in pid. */
export const setStack = (s: DipcState, t: number, pid: number, region: StackRegion): DipcState =>
  withOs(s, {
    threads: s.os.threads.map((th, i) => {
      if (i !== t) return th;
      const stacks = new Map(th.stacks);
      stacks.set(pid, region);
      return { ...th, stacks };
    }),
  });

/**
 * A new primary thread at home in `pid`, starting at `ip` on a fresh stack.
 * Errors: noThreads (no slot), noMemory (no room for its stack).
 */
export const spawnThread = (s0: DipcState, pid: number, ip: number): E.Either<DipcError, { state: DipcState; index: number }> => {
  const index = s0.os.threads.length;
  if (index >= s0.os.maxThreads || index >= s0.hw.threads.length) return E.left('noThreads');
  const stack = allocStack(s0, index, pid);
  if (E.isLeft(stack)) return stack;
  const s = stack.right.state;
  const p = s.os.processes[pid];
  const kt: KernelThread = {
    home: pid, current: pid, ended: false, tls: p.tls, resource: p.resource, kcs: [], stacks: new Map([[pid, stack.right.region]]),
  };
  const ctx = freshContext(s.hw, index, ip, stack.right.region);
  const threadIds = new Map(p.threadIds);
  threadIds.set(index, p.nextThreadId);
  const s1 = withHw(withOs(s, { threads: [...s.os.threads, kt] }), { ...s.hw, threads: s.hw.threads.map((c, i) => (i === index ? ctx : c)) });
  return E.right({ state: replaceProcess(s1, pid, { ...p, threadIds, nextThreadId: p.nextThreadId + 1 }), index });
};
