// Processes (§5.2, §6.1): the kernel's mutable process records. Each has its default
// domain and the domain of its threads' data stacks, its handle table, a resource identity
// (standing for the fd table and user id), a TLS base, its block of the global address space
// with the page cursor that sub-allocates it (§6.1.3), a Map from primary thread to this
// process's identifier for it (§6.1.2), what it exports and imports (§5.3.2), the CPU time
// charged to it, and, for kill, the tags it created and the grants it made.
import type { Signature } from '../../alphabet/policy';
import { HandleTable } from './handle-table';

/** An entry point the process imports: its entry handle, the stub's signature and caller policy, and the proxy once resolved. */
export class ImportSlot {
  constructor(
    /** Entry handle number in the importer's table, or -1 when the export did not exist. */
    readonly handle: number,
    /** Canonical. */
    readonly signature: Signature,
    /** Caller policy mask (policy-mask.ts). */
    readonly policy: number,
    /** Proxy id once the first call resolved it, else -1. */
    public proxy: number,
  ) {}
}

export class ProcessRecord {
  alive = true;
  dipc = true;
  /** Images loaded so far (exec counts up): an entry stands only while its owner's image is the one it was registered in. */
  image = 0;
  defaultDomain = 0;
  stackDomain = 0;
  handles = new HandleTable();
  tls = 0;
  /** Block owned, or -1 (dIPC off). */
  block = -1;
  /** Address of its first data page (stub buffers), or -1. */
  data = -1;
  /** Next page of the block to hand out, relative to the block. */
  nextPage = 0;
  threadIds = new Map<number, number>();
  nextThreadId = 1;
  /** Entry handles of its boot exports, in export order. */
  exports: number[] = [];
  imports: ImportSlot[] = [];
  cpuTime = 0;
  /** Tags this process created (default, stack, created, proxy domains): kill removes them from every APL. */
  tags: number[] = [];
  /** Grants this process made: kill undoes them. */
  grantsMade: number[] = [];

  constructor(
    readonly honest: boolean,
    public resource: number,
    /** Parent pid or -1. */
    readonly parent: number,
  ) {}

  /** Give primary thread `t` this process's next identifier; returns it. */
  nameThread(t: number): number {
    const id = this.nextThreadId++;
    this.threadIds.set(t, id);
    return id;
  }

  /** The import slot whose proxy is x, as the caller stub's epilogue finds it (first match). */
  importOf(x: number): ImportSlot | undefined {
    const imports = this.imports;
    for (let i = 0; i < imports.length; i++) if (imports[i].proxy === x) return imports[i];
    return undefined;
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
