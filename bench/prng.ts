// A small seeded PRNG (mulberry32) for the benchmark workload: the trace must depend on the
// seed alone, and drawing 100k ops through fast-check's arbitraries would cost more than
// the machine that runs them.
import { Mulberry32 } from '../gen/mulberry32';

export class Prng extends Mulberry32 {
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
