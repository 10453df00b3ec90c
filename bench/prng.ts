// A small seeded PRNG (mulberry32) for the benchmark workload: the trace must depend on the
// seed alone, and drawing 100k ops through fast-check's arbitraries would cost more than
// the machine that runs them.
export class Prng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
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

  /** One of `choices`, with probability proportional to its weight. */
  weighted<K>(choices: readonly (readonly [K, number])[]): K {
    let total = 0;
    for (const [, w] of choices) total += w;
    let x = this.next() * total;
    for (const [k, w] of choices) {
      x -= w;
      if (x < 0) return k;
    }
    return choices[choices.length - 1][0];
  }
}
