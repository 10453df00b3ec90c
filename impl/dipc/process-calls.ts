// Process and thread operations: handle_send (§6.2.1, standing for passing a handle over a
// UNIX socket), spawn, thread_create, fork and exec (§6.1.3: fork turns dIPC off in the
// child, exec turns it back on at a fresh block of the global space).
import { resolveIndex } from '../../alphabet/resolve';
import { EntryCalls } from './entry-calls';
import { DOM_DEFAULT } from './domain-table';
import { viaAppend } from './handle-table';
import { refused, type SysResult } from './kernel-core';
import { ImportSlot, ProcessRecord } from './processes';

export abstract class ProcessCalls extends EntryCalls {
  /** Every frame of pid fails in every thread but `except` (unwind.ts); the threads unwound. */
  protected abstract failFramesOf(pid: number, except: number): number[];

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

  /** thread_create: noThreads, noMemory (its stack); a new primary thread of the caller's process at the caller's ip. */
  protected threadCreate(t: number, pid: number): SysResult {
    return this.spawnThread(pid, this.hw.threads.ip[t]);
  }

  /**
   * fork: noProcess, noThreads. The child copies the handle table (each handle passed on to
   * it), the resource identity, TLS, imports and exports, has dIPC off, and runs a copy of t
   * (r0 = 0 there) outside the global space.
   */
  protected fork(t: number, pid: number): SysResult {
    if (!this.processes.hasRoom()) return 'noProcess';
    if (!this.kthreads.hasRoom()) return 'noThreads';
    const parent = this.processes.list[pid];
    const child = this.processes.count;
    const c = new ProcessRecord(parent.honest, parent.resource, pid);
    c.alive = parent.alive;
    c.dipc = false;
    c.defaultDomain = parent.defaultDomain;
    c.stackDomain = parent.stackDomain;
    c.tls = parent.tls;
    c.data = parent.data;
    c.handles = parent.handles.forkedFor(child);
    c.exports = parent.exports.slice();
    c.imports = parent.imports.map((i) => new ImportSlot(i.handle, i.signature, i.policy, i.proxy));
    this.processes.add(c);
    const kt = this.kthreads;
    const index = kt.add(child, c.tls, c.resource);
    kt.warm[index].set(child, c.nameThread(index));
    this.hw.forkThread(t, index, index % this.hw.numCpus);
    return child;
  }

  /**
   * exec: inCall (the thread is inside a cross-process call, whose callers wait for it),
   * noMemory, noTags. A fresh image at a fresh block with dIPC on; the old block is
   * released; handles are kept; t restarts at the new code on a fresh stack with a clean
   * context. The old image is gone: every other thread's frames in it fail, as if the old
   * process had been killed (its own threads end, visitors unwind to their callers).
   */
  protected exec(t: number, pid: number): SysResult {
    const kt = this.kthreads;
    if (kt.kcs[t].length > 0) return 'inCall';
    const block = this.space.freeBlock();
    if (block < 0) return 'noMemory';
    const tag = this.domains.freeTag();
    if (tag < 0) return 'noTags';
    const p = this.processes.list[pid];
    if (p.block >= 0) this.releaseBlock(p.block);
    this.claimTag(tag, DOM_DEFAULT, pid);
    p.defaultDomain = tag;
    p.image++;
    p.block = -1;
    p.dipc = true;
    const img = this.loadImage(pid, block, 1, 1);
    const region = this.allocStack(t, pid);
    const hw = this.hw;
    if (region === null) hw.startThread(t, img.code * hw.wordsPerPage, 0, -1, hw.threads.cpu[t]);
    else hw.startThread(t, img.code * hw.wordsPerPage, region.first + region.words, region.cap, hw.threads.cpu[t]);
    kt.tls[t] = p.tls;
    kt.resource[t] = p.resource;
    kt.stacks[t] = new Map();
    if (region !== null) kt.stacks[t].set(pid, region);
    this.failFramesOf(pid, t);
    return 0;
  }
}
