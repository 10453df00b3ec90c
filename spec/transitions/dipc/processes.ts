// Process and thread operations: handle_send (§6.2.1, standing for passing a handle over a
// UNIX socket), spawn, thread_create, fork and exec (§6.1.3).
import * as E from 'fp-ts/lib/Either.js';
import { resolveIndex } from '../../../alphabet/resolve';
import type { DipcState } from '../../state/dipc';
import type { Process } from '../../state/processes';
import { freeBlock, nextFreeTag } from './alloc';
import { handleAt } from './handle-lookup';
import { allocStack, createProcess, freshContext, loadImage, releaseBlock, spawnThread } from './lifecycle';
import { addHandle, done, refuse, replaceProcess, type SysResult, withHw, withOs } from './result';
import { failFramesOf } from './unwind';

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

/** thread_create -> index of a new primary thread of the caller's process, at the caller's ip, on a fresh stack. */
export const threadCreate = (s: DipcState, t: number, pid: number): SysResult => {
  const made = spawnThread(s, pid, s.hw.threads[t].ip);
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
    ...parent, dipc: false, block: null, nextPage: 0, threadIds: new Map(), nextThreadId: 1, parent: pid, cpuTime: 0,
    handles: parent.handles.map((h) => ({ ...h, via: [...h.via, child] })),
  };
  const s1 = withOs(s, { processes: [...s.os.processes, proc] });
  // The child's copy of the thread runs outside the global space: only its system calls are modelled.
  const index = s1.os.threads.length;
  const ctx = { ...s.hw.threads[t], regs: s.hw.threads[t].regs.map((v, i) => (i === 0 ? 0 : v)), cpu: index % s.hw.numCpus, faults: 0 };
  const kt = { home: child, current: child, ended: false, tls: proc.tls, resource: proc.resource, kcs: [], stacks: new Map() };
  const s2 = withHw(withOs(s1, { threads: [...s1.os.threads, kt] }), { ...s1.hw, threads: s1.hw.threads.map((c, i) => (i === index ? ctx : c)) });
  return done(replaceProcess(s2, child, { ...proc, threadIds: new Map([[index, 1]]), nextThreadId: 2 }), child);
};

/**
 * exec: load a fresh image at a fresh block of the global space with dIPC on (§6.1.3). The
 * old block is released; handles (like fds) are kept; the calling thread restarts at the new
 * code with a clean context; the process's other threads end.
 */
export const exec = (s: DipcState, t: number, pid: number): SysResult => {
  if (s.os.threads[t].kcs.length > 0) return refuse('inCall');
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
  const stack = allocStack(img.state, t, pid);
  const region = E.isRight(stack) ? stack.right.region : null;
  const s2 = E.isRight(stack) ? stack.right.state : img.state;
  const p = s2.os.processes[pid];
  const ctx = freshContext(s2.hw, t, img.code * s.hw.wordsPerPage, region);
  const threads = s2.os.threads.map((th, i) =>
    i === t ? { ...th, tls: p.tls, resource: p.resource, kcs: [], stacks: region === null ? new Map() : new Map([[pid, region]]) } : th,
  );
  const hw = { ...s2.hw, threads: s2.hw.threads.map((c, i) => (i === t ? { ...ctx, cpu: c.cpu } : c)) };
  // The old image is gone: every other thread's frames in it fail (its own threads end,
  // visitors unwind to their callers), as if the old process had been killed. Its entries
  // were addresses of the old image's code, now released: they and the proxies into them
  // are torn down, so a later call returns an error instead of landing in a freed block
  // (docs/dipc-model.md, "exec").
  const entries = s2.os.entries.map((e) => (e.owner === pid ? { ...e, live: false } : e));
  const proxies = s2.os.proxies.map((x) => (x.callee === pid ? { ...x, live: false } : x));
  return done(failFramesOf(withHw(withOs(s2, { threads, entries, proxies }), hw), pid, t).state, 0);
};
