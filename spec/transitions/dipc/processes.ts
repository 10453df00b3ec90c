// Process and thread operations: handle_send (§6.2.1, standing for passing a handle over a
// UNIX socket), spawn, thread_create, fork and exec (§6.1.3).
import * as E from 'fp-ts/lib/Either.js';
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import type { Process } from '../../state/processes';
import { freeBlock, nextFreeTag, takePages } from './alloc';
import { handleAt } from './handle-lookup';
import { createProcess, createThread, freshContext, loadImage, releaseBlock, stackPointerIn } from './lifecycle';
import { addHandle, done, mapPages, refuse, replaceProcess, type SysResult, withHw, withOs } from './result';

/** handle_send(h, pid): a copy of handle h appended to pid's table; the ledger records the act (P1). */
export const handleSend = (s: DipcState, pid: number, h: number, to: number): SysResult => {
  if (!s.os.processes[pid].dipc) return refuse('notDipc');
  const handle = handleAt(s, pid, h);
  if (handle === null) return refuse('badHandle');
  const target = resolveIndex(to, s.os.processes.length);
  if (target < 0 || !s.os.processes[target].alive || !s.os.processes[target].dipc) return refuse('noProcess');
  const r = addHandle(s, target, { ...handle, via: [...handle.via, target] });
  return done(withOs(r.state, { ledger: [...r.state.os.ledger, { act: 'send', from: pid, to: target, handle: r.index }] }), r.index);
};

/** spawn(honest) -> pid of a new dIPC process with one code and one data page and no threads. */
export const spawn = (s: DipcState, pid: number, honest: boolean): SysResult => {
  const made = createProcess(s, honest, 1, 1, pid);
  return E.isLeft(made) ? refuse(made.left) : done(made.right.state, made.right.pid);
};

/** thread_create -> index of a new primary thread of the caller's process, at the caller's ip, on a fresh stack page. */
export const threadCreate = (s: DipcState, t: number, pid: number): SysResult => {
  if (s.os.threads.length >= s.os.maxThreads) return refuse('noThreads');
  const page = takePages(s, pid, 1);
  if (page === null) return refuse('noMemory');
  const p = page.state.os.processes[pid];
  const stackPage = { mapped: true, tag: p.defaultDomain, read: true, write: true, exec: false, priv: false, capStore: false };
  const s1 = withHw(page.state, mapPages(page.state.hw, page.first, 1, stackPage));
  const index = s1.os.threads.length;
  const made = createThread(s1, pid, freshContext(s1.hw, index, s.hw.threads[t].ip, stackPointerIn(s1, page.first)));
  return E.isLeft(made) ? refuse(made.left) : done(made.right.state, made.right.index);
};

/**
 * fork -> child pid. The child copies the handle table and resource identity, runs the
 * calling thread's copy (r0 = 0 there), and has dIPC off: it lives outside the global space.
 */
export const fork = (s: DipcState, t: number, pid: number): SysResult => {
  if (s.os.processes.length >= s.os.maxProcesses) return refuse('noProcess');
  if (s.os.threads.length >= s.os.maxThreads) return refuse('noThreads');
  const parent = s.os.processes[pid];
  const child = s.os.processes.length;
  const proc: Process = {
    ...parent, dipc: false, block: null, nextPage: 0, threadIds: new Map(), nextThreadId: 1, parent: pid,
    handles: parent.handles.map((h) => ({ ...h, via: [...h.via, child] })),
  };
  const s1 = withOs(s, { processes: [...s.os.processes, proc] });
  const index = s1.os.threads.length;
  const ctx = { ...s.hw.threads[t], regs: s.hw.threads[t].regs.map((v, i) => (i === 0 ? 0 : v)), cpu: index % s.hw.numCpus, faults: 0 };
  const made = createThread(s1, child, ctx);
  return E.isLeft(made) ? refuse(made.left) : done(made.right.state, child);
};

/**
 * exec: load a fresh image at a fresh block of the global space with dIPC on (§6.1.3). The
 * old block is released; handles (like fds) are kept; the calling thread restarts at the new
 * code with a clean context; the process's other threads end.
 */
export const exec = (s: DipcState, t: number, pid: number): SysResult => {
  const block = freeBlock(s);
  if (block === null) return refuse('noMemory');
  const tag = nextFreeTag(s);
  if (tag === null) return refuse('noTags');
  const old = s.os.processes[pid];
  let s1 = old.block === null ? s : releaseBlock(s, old.block);
  const domains = new Map(s1.os.domains);
  domains.set(tag, { kind: 'default', creator: pid });
  s1 = replaceProcess(withOs(s1, { domains }), pid, { ...old, defaultDomain: tag, block: null, dipc: true });
  const img = loadImage(s1, pid, block, 1, 1);
  const ctx = freshContext(img.state.hw, t, img.code * s.hw.wordsPerPage, stackPointerIn(img.state, img.data));
  const threads = img.state.os.threads.map((th, i) => (i !== t && th.current === pid ? { ...th, ended: true } : th));
  const hw = { ...img.state.hw, threads: img.state.hw.threads.map((c, i) => (i === t ? { ...ctx, cpu: c.cpu } : c)) };
  return done(withHw(withOs(img.state, { threads }), hw), 0);
};

