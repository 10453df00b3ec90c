// The efficient dIPC machine (DESIGN §9, docs/dipc-model.md): validate the op's shape,
// resolve its thread among the kernel's, then either run a Table 2 system call (its result
// lands in r0 and is the op's value; a refusal changes nothing) or run the instruction on
// the CODOMs hardware. Until unwinding lands, a fault ends the faulting thread. Never
// throws: every index resolves through alphabet/resolve.ts.
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { DipcOp, Syscall } from '../../alphabet/dipc-ops';
import { DIPC_ERRORS, type DipcError, error, type Output, skip, value } from '../../alphabet/output';
import { idx } from '../indices';
import type { SysResult } from './kernel-core';
import { ProcessCalls } from './process-calls';
import { isWellFormedDipcOp } from './syscall-shape';

const MALFORMED = skip('malformed');
const NO_THREAD = skip('noThread');
const ENDED = skip('ended');
const OUTSIDE = skip('outside');
const ERRORS = Object.fromEntries(DIPC_ERRORS.map((e) => [e, error(e)])) as Record<DipcError, Output>;

export class DipcImplMachine extends ProcessCalls {
  constructor(cfg: DipcConfig) {
    super(cfg);
    this.boot();
  }

  step(op: DipcOp): Output {
    if (!isWellFormedDipcOp(op)) return MALFORMED;
    const kt = this.kthreads;
    const t = idx(op.t, kt.count);
    if (t < 0) return NO_THREAD;
    if (kt.ended[t]) return ENDED;
    const pid = kt.current[t];
    const inGlobalSpace = this.processes.list[pid].dipc;
    if (op.op === 'syscall') {
      // A process with dIPC off runs in its own address space: only its system calls are modelled.
      if (inGlobalSpace && !this.hw.canFetch(t)) {
        kt.ended[t] = 1;
        return this.hw.fetchFaultOnSyscall(t);
      }
      const r = this.syscall(t, pid, op.call);
      if (typeof r === 'string') return ERRORS[r];
      this.hw.setR0(t, r);
      return value(r);
    }
    if (!inGlobalSpace) return OUTSIDE;
    // Part B's honest stubs are not CODOMs instructions: until they land the hardware refuses them.
    if (op.op === 'stub_call' || op.op === 'stub_return') return MALFORMED;
    const out = this.hw.run(t, op);
    if (out.out === 'fault') kt.ended[t] = 1;
    return out;
  }

  protected syscall(t: number, pid: number, c: Syscall): SysResult {
    switch (c.k) {
      case 'dom_default':
        return this.domDefault(pid);
      case 'dom_create':
        return this.domCreate(pid);
      case 'dom_copy':
        return this.domCopy(pid, c.h, c.perm);
      case 'dom_mmap':
        return this.domMmap(pid, c.h, c.n, c.prot);
      case 'dom_remap':
        return this.domRemap(t, pid, c.dst, c.src, c.a, c.n);
      case 'grant_create':
        return this.grantCreate(t, pid, c.src, c.dst);
      case 'grant_revoke':
        return this.grantRevoke(t, pid, c.g);
      case 'entry_register':
        return this.entryRegister(t, pid, c.h, c.entries);
      case 'entry_request':
        return this.entryRequest(pid, c.e, c.entries);
      case 'handle_send':
        return this.handleSend(pid, c.h, c.pid);
      case 'spawn':
        return this.spawn(pid, c.honest);
      case 'thread_create':
        return this.threadCreate(t, pid);
      case 'fork':
        return this.fork(t, pid);
      case 'exec':
        return this.exec(t, pid);
    }
  }

  /** What the §6 techniques did in this run (the counters of DESIGN §9). */
  counters(): Record<string, number> {
    const cache = this.hw.aplCache;
    return {
      templatesInstantiated: this.templates.templatesInstantiated,
      templateHits: this.templates.hits,
      blockAllocations: this.space.allocator.allocations,
      blockReleases: this.space.allocator.releases,
      blockWordsScanned: this.space.allocator.wordsScanned,
      tagAllocations: this.domains.tags.allocations,
      tagWordsScanned: this.domains.tags.wordsScanned,
      handleTableGrowths: this.processes.list.reduce((n, p) => n + p.handles.growths, 0),
      aplCacheHits: cache.hits,
      aplCacheMisses: cache.misses,
      aplCacheInvalidations: cache.invalidations,
    };
  }
}
