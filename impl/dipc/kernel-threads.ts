// The kernel's view of the primary threads (§5.2.1): home process, the process each runs in
// now, and whether it has ended. Their registers live in the hardware's thread file, slot
// for slot; the kernel hands out slots in order and never reuses one.
export class KernelThreadTable {
  count = 0;
  readonly home: Int32Array;
  readonly current: Int32Array;
  readonly ended: Uint8Array;

  constructor(readonly max: number) {
    this.home = new Int32Array(max);
    this.current = new Int32Array(max);
    this.ended = new Uint8Array(max);
  }

  hasRoom(): boolean {
    return this.count < this.max;
  }

  add(pid: number): number {
    const t = this.count++;
    this.home[t] = pid;
    this.current[t] = pid;
    this.ended[t] = 0;
    return t;
  }
}
