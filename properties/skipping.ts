// An arbitrary that yields a placeholder (SKIPPED), without generating, for the runs `skip`
// names: the runner uses it for shards and Ctrl-C (scenarios of another shard, or after a stop).
// fast-check generates run k from its own copy of the seeded random stream and k alone (the
// runner's shards rely on it, test/shard.test.ts), so the runs that are generated are the
// same scenarios as without the wrapper: the audit uses it to come back to scenario k of a
// search, with fast-check's shrinking context, and to stop generating once nothing is left
// to check.
import fc from 'fast-check';

export const SKIPPED: unique symbol = Symbol('skipped scenario');
export type Skipped = typeof SKIPPED;

export class Skipping<T> extends fc.Arbitrary<T | Skipped> {
  private k = 0;
  constructor(
    private readonly inner: fc.Arbitrary<T>,
    private readonly skip: (k: number) => boolean,
  ) {
    super();
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T | Skipped> {
    return this.skip(this.k++) ? new fc.Value(SKIPPED, undefined) : this.inner.generate(mrng, biasFactor);
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return value !== SKIPPED && this.inner.canShrinkWithoutContext(value);
  }
  shrink(value: T | Skipped, context: unknown): fc.Stream<fc.Value<T | Skipped>> {
    return value === SKIPPED ? fc.Stream.nil() : this.inner.shrink(value, context);
  }
}
