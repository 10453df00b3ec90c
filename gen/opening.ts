// A strategy's opening (swarm, gen/strategies.ts): one arbitrary in fast-check's first runs,
// another after. fast-check hands each run's generator a bias level computed from the run's
// index alone (2 for runs 0-8, 3 for 9-98, ...: runIdToFrequency), the same in a replay by
// seed and path and in every shard, so the choice is as deterministic as the run.
// The value keeps which arbitrary made it, so that fast-check shrinks it with that one.
import fc from 'fast-check';

/** fast-check's bias level in runs 0-8. */
const OPENING_BIAS = 2;

interface Made {
  readonly opening: boolean;
  readonly inner: unknown;
}

export class Opening<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly opening: fc.Arbitrary<T>,
    private readonly rest: fc.Arbitrary<T>,
  ) {
    super();
  }
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    const opening = biasFactor === OPENING_BIAS;
    return this.wrap((opening ? this.opening : this.rest).generate(mrng, biasFactor), opening);
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return this.rest.canShrinkWithoutContext(value);
  }
  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    if (context === undefined) return this.rest.shrink(value, undefined).map((v) => this.wrap(v, false));
    const made = context as Made;
    return (made.opening ? this.opening : this.rest).shrink(value, made.inner).map((v) => this.wrap(v, made.opening));
  }
  private wrap(v: fc.Value<T>, opening: boolean): fc.Value<T> {
    return new fc.Value(v.value_, { opening, inner: v.context } satisfies Made);
  }
}
