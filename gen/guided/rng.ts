// The randomness of one guided step: a small seeded PRNG (mulberry32) drawn from the step's
// choice integer. Each op of a guided trace consumes exactly one choice, so removing a
// choice (fast-check shrinking the choice list) removes one step and leaves the others'
// randomness as it was; the ops after it re-aim themselves at the state they now meet.
import fc from 'fast-check';
import { Mulberry32 } from '../mulberry32';

export class Rng extends Mulberry32 {
  constructor(seed: number) {
    super(seed ^ 0x9e3779b9);
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
