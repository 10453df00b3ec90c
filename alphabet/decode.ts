// Decoding untrusted input (files, command line) with io-ts, reporting the JSON path of the
// first bad field in one line a person can act on.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

/** The JSON path of a failure; the branch numbers io-ts adds inside unions and intersections are not part of it. */
const pathOf = (e: t.ValidationError): string => {
  const branchy = (i: number) => ['UnionType', 'IntersectionType'].includes((e.context[i - 1].type as { _tag?: string })._tag ?? '');
  const keys = e.context
    .filter((_, i) => i === 0 || !branchy(i))
    .map((c) => c.key)
    .filter((k) => k !== '');
  return keys.length === 0 ? '$' : `$.${keys.join('.')}`;
};

const show = (v: unknown): string => {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** Decode `input`; on failure, a message naming the deepest bad field and what it should be. */
export const decodeWith = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): E.Either<string, A> => {
  const r = codec.decode(input);
  if (E.isRight(r)) return E.right(r.right);
  // The longest context is the most specific complaint (unions report every branch).
  const worst = [...r.left].sort((a, b) => b.context.length - a.context.length)[0];
  const expected = worst.context[worst.context.length - 1]?.type.name ?? codec.name;
  return E.left(`${pathOf(worst)}: expected ${expected}, got ${show(worst.value)}`);
};
