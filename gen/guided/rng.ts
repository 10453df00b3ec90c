// The randomness of one guided step: a small seeded PRNG (mulberry32) drawn from the step's
// choice integer. Each op of a guided trace consumes exactly one choice, so removing a
// choice (fast-check shrinking the choice list) removes one step and leaves the others'
// randomness as it was; the ops after it re-aim themselves at the state they now meet.
import fc from 'fast-check';

export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = (seed ^ 0x9e3779b9) >>> 0;
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

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** One of the options with positive weight, with probability proportional to it; null when none has any. */
  weighted<T>(options: readonly (readonly [number, () => T])[]): T | null {
    let total = 0;
    for (const [w] of options) if (w > 0) total += w;
    if (total === 0) return null;
    let x = this.next() * total;
    for (const [w, f] of options) {
      if (w <= 0) continue;
      x -= w;
      if (x < 0) return f();
    }
    return options.filter(([w]) => w > 0).at(-1)![1]();
  }
}

/** One value of a pattern arbitrary, drawn with a seed from the step's randomness (deterministic). */
export const samplePattern = <T>(arb: fc.Arbitrary<readonly T[]>, rng: Rng): readonly T[] =>
  fc.sample(arb, { seed: rng.int(0, 2 ** 31 - 2), numRuns: 1 })[0] ?? [];
