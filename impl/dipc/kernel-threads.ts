// The kernel's view of the primary threads (§5.2.1): home process, the process each runs in
// now with that process's TLS base and resource identity, whether it has ended, its KCS and
// its data stack in each process it has run in. Their registers live in the hardware's
// thread file, slot for slot; the kernel hands out slots in order and never reuses one.
//
// track_process_call (§6.1.2) finds the per-process identifier of a thread in the callee:
//  - hot path: a per-thread array of 32 entries indexed by the 5-bit hardware tag of the
//    callee's domain, taken as its default-domain tag mod 32 (the paper's prototype used
//    domain tags directly as hardware tags, §7), recorded in the proxy when it is made. An
//    entry holds the domain tag (validation), the callee pid and the id. A hot entry stands
//    for a live callee: kill shoots down every thread's entries for the dead process, so
//    the proxy's fast path checks nothing about the callee's liveness.
//  - warm path: a per-thread Map from process to id (the per-thread tree).
//  - cold path: the id is created in the callee (its threadIds), as the spec does lazily.
import type { KcsFrame, StackRegion } from './kcs';

export const HOT_ENTRIES = 32;

export class KernelThreadTable {
  count = 0;
  readonly home: Int32Array;
  readonly current: Int32Array;
  readonly ended: Uint8Array;
  /** The TLS base and resource identity in force (switched by track_process_call). */
  readonly tls: Float64Array;
  readonly resource: Float64Array;
  readonly kcs: KcsFrame[][] = [];
  /** Process -> this thread's data stack there. */
  readonly stacks: Map<number, StackRegion>[] = [];
  /** Warm path: process -> this thread's id there. */
  readonly warm: Map<number, number>[] = [];
  /** Hot path, HOT_ENTRIES per thread: domain tag (-1 empty), callee pid, id. */
  readonly hotTag: Int32Array;
  readonly hotPid: Int32Array;
  readonly hotId: Int32Array;
  hotHits = 0;
  warmHits = 0;
  coldPaths = 0;
  hotShootdowns = 0;

  constructor(readonly max: number) {
    this.home = new Int32Array(max);
    this.current = new Int32Array(max);
    this.ended = new Uint8Array(max);
    this.tls = new Float64Array(max);
    this.resource = new Float64Array(max);
    this.hotTag = new Int32Array(max * HOT_ENTRIES).fill(-1);
    this.hotPid = new Int32Array(max * HOT_ENTRIES).fill(-1);
    this.hotId = new Int32Array(max * HOT_ENTRIES);
  }

  hasRoom(): boolean {
    return this.count < this.max;
  }

  /** The next slot, a thread at home in pid with that process's TLS and resource identity. */
  add(pid: number, tls: number, resource: number): number {
    const t = this.count++;
    this.home[t] = pid;
    this.current[t] = pid;
    this.ended[t] = 0;
    this.tls[t] = tls;
    this.resource[t] = resource;
    this.kcs[t] = [];
    this.stacks[t] = new Map();
    this.warm[t] = new Map();
    return t;
  }

  /** The hot entry of thread t for the callee whose domain tag is `tag`, or -1 on a miss. */
  hotSlot(t: number, tag: number, pid: number): number {
    const slot = t * HOT_ENTRIES + (tag & (HOT_ENTRIES - 1));
    return this.hotTag[slot] === tag && this.hotPid[slot] === pid ? slot : -1;
  }

  fillHot(t: number, tag: number, pid: number, id: number): void {
    const slot = t * HOT_ENTRIES + (tag & (HOT_ENTRIES - 1));
    this.hotTag[slot] = tag;
    this.hotPid[slot] = pid;
    this.hotId[slot] = id;
  }

  /** kill(pid): every thread's hot entries for pid go, like a shootdown. */
  shootDownHot(pid: number): void {
    const pids = this.hotPid;
    const n = this.count * HOT_ENTRIES;
    for (let i = 0; i < n; i++) {
      if (pids[i] === pid) {
        pids[i] = -1;
        this.hotTag[i] = -1;
        this.hotShootdowns++;
      }
    }
  }
}
