// Processes (§5.2, §6.1): the kernel's mutable process records. Each has its default
// domain, its handle table, a resource identity (standing for the fd table and user id), a
// TLS base, its block of the global address space with the page cursor that sub-allocates
// it (§6.1.3), and a Map from primary thread to this process's identifier for it (§6.1.2).
import { HandleTable } from './handle-table';

export class ProcessRecord {
  alive = true;
  dipc = true;
  defaultDomain = 0;
  handles = new HandleTable();
  tls = 0;
  /** Block owned, or -1 (dIPC off). */
  block = -1;
  /** Next page of the block to hand out, relative to the block. */
  nextPage = 0;
  threadIds = new Map<number, number>();
  nextThreadId = 1;

  constructor(
    readonly honest: boolean,
    public resource: number,
    /** Parent pid or -1. */
    readonly parent: number,
  ) {}

  /** Give primary thread `t` this process's next identifier. */
  nameThread(t: number): void {
    this.threadIds.set(t, this.nextThreadId++);
  }
}

export class ProcessTable {
  readonly list: ProcessRecord[] = [];

  constructor(readonly max: number) {}

  get count(): number {
    return this.list.length;
  }

  hasRoom(): boolean {
    return this.list.length < this.max;
  }

  add(p: ProcessRecord): number {
    this.list.push(p);
    return this.list.length - 1;
  }
}
