// mulberry32: a small seeded PRNG whose stream depends on the seed alone. Shared by guided
// generation (gen/guided/rng.ts: one step's randomness from its choice integer) and the
// benchmark workload (bench/prng.ts), where drawing through fast-check would cost more than
// the ops it draws.
export class Mulberry32 {
  private s: number;

  constructor(state: number) {
    this.s = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let z = this.s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}
