// Process and thread operations: handle_send (§6.2.1, standing for passing a handle over a
// UNIX socket), spawn, thread_create, fork and exec (§6.1.3: fork turns dIPC off in the
// child, exec turns it back on at a fresh block of the global space).
import { resolveIndex } from '../../alphabet/resolve';
import { EntryCalls } from './entry-calls';
import { DOM_DEFAULT } from './domain-table';
import { viaAppend } from './handle-table';
import { DATA_PAGE } from './hardware';
import { refused, type SysResult } from './kernel-core';
import { ProcessRecord } from './processes';

export class ProcessCalls extends EntryCalls {
  /** handle_send(h, pid): notDipc, badHandle, noProcess (alive with dIPC on); r0 = the handle's number there. */
  protected handleSend(pid: number, h: number, to: number): SysResult {
    const p = this.processes.list[pid];
    if (!p.dipc) return 'notDipc';
    const i = this.handleIndex(pid, h);
    if (i < 0) return 'badHandle';
    const target = resolveIndex(to, this.processes.count);
    if (target < 0) return 'noProcess';
    const tp = this.processes.list[target];
    if (!tp.alive || !tp.dipc) return 'noProcess';
    const hs = p.handles;
    const n = tp.handles.add(hs.kind[i], hs.ref[i], hs.perm[i], hs.origin[i], viaAppend(hs.via[i], target));
    this.ledger.send(pid, target, n);
    return n;
  }

  /** spawn(honest): noProcess, noMemory, noTags; a new dIPC process (one code page, one data page, no threads). */
  protected spawn(pid: number, honest: boolean): SysResult {
    const made = this.createProcess(honest, 1, 1, pid);
    return refused(made) ? made : made.pid;
  }

  /** thread_create: noThreads, noMemory (a stack page of the caller's block); starts at the caller's ip. */
  protected threadCreate(t: number, pid: number): SysResult {
    if (!this.kthreads.hasRoom()) return 'noThreads';
    if (!this.pagesFit(pid, 1)) return 'noMemory';
    const page = this.takePages(pid, 1);
    this.hw.mapPages(page, 1, this.processes.list[pid].defaultDomain, DATA_PAGE);
    const index = this.createThread(pid);
    if (index < 0) return 'noThreads';
    this.hw.startThread(index, this.hw.threads.ip[t], this.stackPointerIn(page), index % this.hw.numCpus);
    return index;
  }

  /** fork: noProcess, noThreads; the child copies handles and resource identity, has dIPC off, runs a copy of t. */
  protected fork(t: number, pid: number): SysResult {
    if (!this.processes.hasRoom()) return 'noProcess';
    if (!this.kthreads.hasRoom()) return 'noThreads';
    const parent = this.processes.list[pid];
    const child = this.processes.count;
    const c = new ProcessRecord(parent.honest, parent.resource, pid);
    c.alive = parent.alive;
    c.dipc = false;
    c.defaultDomain = parent.defaultDomain;
    c.tls = parent.tls;
    c.handles = parent.handles.forkedFor(child);
    this.processes.add(c);
    const index = this.createThread(child);
    if (index >= 0) this.hw.forkThread(t, index, index % this.hw.numCpus);
    return child;
  }

  /**
   * exec: noMemory, noTags. A fresh image at a fresh block with dIPC on; the old block is
   * released; handles are kept; t restarts at the new code; the process's other threads end.
   */
  protected exec(t: number, pid: number): SysResult {
    const block = this.space.freeBlock();
    if (block < 0) return 'noMemory';
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    const p = this.processes.list[pid];
    if (p.block >= 0) this.releaseBlock(p.block);
    this.domains.claim(tag, DOM_DEFAULT, pid);
    p.defaultDomain = tag;
    p.block = -1;
    p.dipc = true;
    const img = this.loadImage(pid, block, 1, 1);
    const hw = this.hw;
    hw.startThread(t, img.code * hw.wordsPerPage, this.stackPointerIn(img.data), hw.threads.cpu[t]);
    const kt = this.kthreads;
    for (let i = 0; i < kt.count; i++) if (i !== t && kt.current[i] === pid) kt.ended[i] = 1;
    return 0;
  }
}
