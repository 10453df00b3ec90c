// The efficient dIPC machine (DESIGN §9, docs/dipc-model.md): validate the op's shape,
// then dispatch. kill and timeout are events of the environment. Otherwise resolve the op's
// thread among the kernel's; a raw instruction runs only for a thread of an adversarial
// process in the global space; every op a thread runs is charged to its current process.
// A system call returns its result in r0; the honest macros run their stubs; a raw
// instruction runs on the CODOMs hardware. A fault unwinds the thread (unwind.ts). After
// any control transfer, and where the kernel resumes a thread, `settle` runs whatever proxy
// the thread landed on. Never throws: every index resolves through alphabet/resolve.ts.
import type { DipcConfig } from '../../alphabet/dipc-config';
import type { DipcOp, Syscall } from '../../alphabet/dipc-ops';
import type { Op } from '../../alphabet/ops';
import { DIPC_ERRORS, type DipcError, error, fault, ok, type Output, skip, value } from '../../alphabet/output';
import { idx } from '../indices';
import { NOT_PROXY, TRAP } from './entry-table';
import type { SysResult } from './kernel-core';
import { isDipcOp } from './syscall-shape';
import { Unwinding } from './unwind';

const MALFORMED = skip('malformed');
const NO_THREAD = skip('noThread');
const ENDED = skip('ended');
const OUTSIDE = skip('outside');
const HONEST = skip('honest');
const ERRORS = Object.fromEntries(DIPC_ERRORS.map((e) => [e, error(e)])) as Record<DipcError, Output>;

/** How many proxy landings one op may chain (a proxy return resuming at another proxy, ...). */
export const MAX_LANDINGS = 8;

export class DipcImplMachine extends Unwinding {
  landings = 0;

  constructor(cfg: DipcConfig) {
    super(cfg);
    this.boot();
  }

  step(op: DipcOp): Output {
    if (!isDipcOp(op)) return MALFORMED;
    if (op.op === 'kill') return this.killEvent(op.pid);
    const kt = this.kthreads;
    const t = idx(op.t, kt.count);
    if (t < 0) return NO_THREAD;
    if (kt.ended[t]) return ENDED;
    const pid = kt.current[t];
    const proc = this.processes.list[pid];
    if (op.op === 'timeout') {
      const r = this.timeout(t);
      return r === null ? this.settle(t, ok) : ERRORS[r];
    }
    if (op.op === 'syscall') {
      proc.cpuTime++;
      if (proc.dipc && !this.hw.canFetch(t)) return this.deliver(t, fault('fetch', this.hw.threads.ip[t]));
      const r = this.syscall(t, pid, op.call);
      if (typeof r === 'string') return ERRORS[r];
      this.hw.setR0(t, r);
      return value(r);
    }
    // The domain of the code the thread runs before this op: where a control transfer comes from.
    const from = this.hw.codeDomain(t);
    if (op.op === 'stub_call' || op.op === 'stub_return') {
      proc.cpuTime++;
      const r = op.op === 'stub_call' ? this.stubCall(t, op.i, op.args) : this.stubReturn(t, op.results);
      if (typeof r === 'string') return ERRORS[r];
      return r === null ? this.settle(t, ok, from) : this.deliver(t, r);
    }
    // A process with dIPC off runs in its own address space; an honest process runs only its stubs.
    if (!proc.dipc) return OUTSIDE;
    if (proc.honest) return HONEST;
    proc.cpuTime++;
    const out = this.hw.run(t, op as Op);
    if (out.out === 'fault') {
      this.unwindCrash(t);
      return this.settle(t, out);
    }
    return op.op === 'call' || op.op === 'jump' || op.op === 'ret' ? this.settle(t, out, from) : out;
  }

  /** kill(pid), then each unwound thread runs whatever proxy it resumed on. */
  private killEvent(pid: number): Output {
    const r = this.kill(pid);
    if (typeof r === 'string') return ERRORS[r];
    for (const t of r) this.settle(t, ok);
    return ok;
  }

  /** A fault the CODOMs machine did not count (stubs, proxies, a syscall's fetch): delivered, then settled. */
  private deliver(t: number, f: Output): Output {
    this.crashWith(t);
    return this.settle(t, f);
  }

  /**
   * Run whatever proxy thread t's ip has landed on (after a transfer by code of domain
   * `from`, -1 when the kernel resumed it), until it is outside every proxy domain (O(1) per
   * landing: entry-table.ts). Proxies check return addresses, so the kernel never resumes a
   * thread on a proxy page; a chain of MAX_LANDINGS landings in one op would end the thread.
   */
  protected settle(t: number, output: Output, from0 = -1): Output {
    const kt = this.kthreads;
    const ip = this.hw.threads.ip;
    let out = output;
    let from = from0;
    for (let n = 0; n < MAX_LANDINGS; n++) {
      if (kt.ended[t]) return out;
      const at = this.entries.landingAt(ip[t]);
      if (at === NOT_PROXY) return out;
      this.landings++;
      // Any other word of a proxy page is a trap: a proxy is entered only at its start.
      const f = at === TRAP ? fault('proxyCheck', ip[t]) : (at & 1) === 1 ? this.proxyReturn(t, at >> 1) : this.proxyEnter(t, at >> 1, from);
      from = -1;
      if (f !== null) {
        this.crashWith(t);
        out = f;
      }
    }
    kt.ended[t] = 1;
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
    const kt = this.kthreads;
    return {
      templatesInstantiated: this.templates.templatesInstantiated,
      templateHits: this.templates.hits,
      trackHotHits: kt.hotHits,
      trackWarmHits: kt.warmHits,
      trackColdPaths: kt.coldPaths,
      hotShootdowns: kt.hotShootdowns,
      proxyEntries: this.proxyEntries,
      proxyReturns: this.proxyReturns,
      proxyLandings: this.landings,
      unwinds: this.unwinds,
      kills: this.kills,
      splits: this.splits,
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
