// Integer codecs without io-ts brands, so decoded data has plain `number` fields and
// generated data (fast-check) type-checks against the same types.
import * as t from 'io-ts';

const intType = (name: string, ok: (n: number) => boolean): t.Type<number, number, unknown> =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && ok(u),
    (u, c) => (typeof u === 'number' && Number.isSafeInteger(u) && ok(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );

export const Int = intType('an integer', () => true);
export const intIn = (min: number, max: number) => intType(`an integer from ${min} to ${max}`, (n) => n >= min && n <= max);
