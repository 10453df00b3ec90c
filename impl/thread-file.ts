// Threads (§4.2) as a struct-of-arrays register file: general registers (r0..r7, sp),
// capability registers (-1 = empty), the DCS slots with their top and base registers, the
// CPU each thread is scheduled on and its fault count. Thread t's registers are the
// slice [t * NUM_REGS, (t + 1) * NUM_REGS) and likewise for the others.
import { NUM_CAP_REGS, NUM_REGS, SP, type ThreadConfig } from '../alphabet/config';
import { resolveIndex, toWord } from '../alphabet/resolve';

export class ThreadFile {
  readonly count: number;
  readonly regs: Int32Array;
  /** Float64: ip holds whatever address a control transfer reached (it may be -0). */
  readonly ip: Float64Array;
  readonly cpu: Float64Array;
  readonly faults: Float64Array;
  readonly capRegs: Int32Array;
  /** dcsSize slots per thread, holding capability ids or -1 (a pushed empty register). */
  readonly dcs: Int32Array;
  readonly dcsTop: Int32Array;
  readonly dcsBase: Float64Array;

  constructor(
    threads: readonly ThreadConfig[],
    readonly dcsSize: number,
    numCpus: number,
  ) {
    const n = (this.count = threads.length);
    this.regs = new Int32Array(n * NUM_REGS);
    this.ip = new Float64Array(n);
    this.cpu = new Float64Array(n);
    this.faults = new Float64Array(n);
    this.capRegs = new Int32Array(n * NUM_CAP_REGS).fill(-1);
    this.dcs = new Int32Array(n * dcsSize).fill(-1);
    this.dcsTop = new Int32Array(n);
    this.dcsBase = new Float64Array(n);
    threads.forEach((tc, t) => {
      this.ip[t] = toWord(tc.ip);
      this.regs[t * NUM_REGS + SP] = toWord(tc.sp);
      this.cpu[t] = resolveIndex(tc.cpu, numCpus);
    });
  }
}
