// Decoding untrusted input (files, command line) with io-ts, reporting the first bad field in
// one line a person can act on: the JSON path of the deepest offending field, what was
// expected in words, and what was found (`$.config.pages[3].tag: expected an integer from 0
// to 65535, got "x"`). The codecs of alphabet/codec.ts make that line short and precise.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { found } from './codec';

/** The longest error line, in characters (the message is cut to fit). */
export const MAX_ERROR_LINE = 200;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.config.pages[3].tag`: keys as `.key` (or `["odd key"]`), array indices as `[i]`. */
export const jsonPath = (keys: readonly string[], root = '$'): string =>
  keys.reduce((p, k) => (/^\d+$/.test(k) ? `${p}[${k}]` : IDENT.test(k) ? `${p}.${k}` : `${p}[${JSON.stringify(k.length > 20 ? `${k.slice(0, 17)}...` : k)}]`), root);

/** The JSON path of a failure; the branch numbers io-ts adds inside unions and intersections are not part of it. */
const pathKeys = (e: t.ValidationError): string[] => {
  const branchy = (i: number) => ['UnionType', 'IntersectionType'].includes((e.context[i - 1].type as { _tag?: string })._tag ?? '');
  return e.context
    .filter((_, i) => i === 0 || !branchy(i))
    .map((c) => c.key)
    .filter((k) => k !== '');
};

/** Cut a line to `max` characters. */
export const fitLine = (s: string, max = MAX_ERROR_LINE): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Decode `input`; on failure, one line naming the deepest bad field (under `root`), what it should be and what it is. */
export const decodeWith = <A, O>(codec: t.Type<A, O, unknown>, input: unknown, root = '$'): E.Either<string, A> => {
  const r = codec.decode(input);
  if (E.isRight(r)) return E.right(r.right);
  // The longest context is the most specific complaint (a plain io-ts union reports every branch).
  let worst = r.left[0];
  for (const e of r.left) if (e.context.length > worst.context.length) worst = e;
  const path = jsonPath(pathKeys(worst), root);
  const what = worst.message ?? `expected ${worst.context[worst.context.length - 1]?.type.name ?? codec.name}, got ${found(worst.value)}`;
  return E.left(fitLine(`${path}: ${what}`));
};
