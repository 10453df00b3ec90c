// Building blocks for the codecs of untrusted input (trace and counterexample files). Three
// rules make a decoding error one short line that a person can act on:
//  - every codec has a name in words ("an integer from 1 to 64", "a CODOMs config"), which
//    is what the error says was expected;
//  - objects are exact: a field the format does not have is an error at that field's path,
//    never silently kept (or, worse, "minimised" by shrink);
//  - unions of objects are tagged: the tag field (`op`, `k`) picks the one branch that is
//    decoded, so an error is about that branch, never a dump of every alternative.
// The type guards (`is`) stay structural, as io-ts's own: the machines' notion of a
// malformed op (spec/transitions/step.ts, impl/op-shape.ts) does not change with them.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** A codec whose errors say `expected <name>`. */
export const named = <A, O>(name: string, codec: t.Type<A, O, unknown>): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(name, codec.is, (u, c) => codec.validate(u, c), codec.encode);

export const Bool = named('true or false', t.boolean);
export const Str = named('a string', t.string);

/** One of a fixed set of strings, named in words: "call, read or write". */
export const oneOf = <K extends string>(keys: readonly K[], what?: string): t.KeyofC<{ [P in K]: null }> =>
  t.keyof(Object.fromEntries(keys.map((k) => [k, null])) as { [P in K]: null }, what ?? wordsList(keys.map((k) => JSON.stringify(k)), 'or'));

/** "a, b or c" (at most `max` items shown, then how many more). */
export const wordsList = (items: readonly string[], last: 'or' | 'and', max = 12): string => {
  if (items.length === 0) return 'nothing';
  if (items.length > max) return `${items.slice(0, max).join(', ')} … (${items.length} in all)`;
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
};

/** A list of items, with at most `max` of them (the model's size bounds). */
export const listOf = <C extends t.Mixed>(item: C, what: string, max = Number.MAX_SAFE_INTEGER): t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown> => {
  const inner = t.array(item);
  return new t.Type<t.TypeOf<C>[], t.OutputOf<C>[], unknown>(
    what,
    inner.is,
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c);
      if (u.length > max) return t.failure(u, c, `expected ${what} of at most ${max} items, got ${u.length}`);
      // Stop at the first bad item: a million bad ops are reported as one.
      for (let i = 0; i < u.length; i++) {
        const r = item.validate(u[i], t.appendContext(c, String(i), item, u[i]));
        if (E.isLeft(r)) return r;
      }
      return t.success(u as t.TypeOf<C>[]);
    },
    inner.encode,
  );
};

/**
 * What was found, in a few words, without walking into it (a value nested a million deep
 * is described as cheaply as a number): `"nosuch"`, `1.5`, `a list of 3 items`, `an object`.
 */
export const found = (u: unknown): string => {
  if (u === undefined) return 'nothing (the field is missing)';
  if (u === null) return 'null';
  if (typeof u === 'string') return JSON.stringify(u.length > 40 ? `${u.slice(0, 37)}...` : u);
  if (typeof u === 'number' || typeof u === 'boolean') return String(u);
  if (Array.isArray(u)) return u.length === 0 ? 'an empty list' : `a list of ${u.length} item${u.length === 1 ? '' : 's'}`;
  if (typeof u === 'object') {
    const keys = Object.keys(u);
    return keys.length === 0 ? 'an empty object' : `an object with ${wordsList(keys.map((k) => (k.length > 20 ? `${k.slice(0, 17)}...` : k)), 'and', 4)}`;
  }
  return typeof u;
};

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Edit distance, for "did you mean" (field names are short). */
const distance = (a: string, b: string): number => {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
};

/** `unknown field (did you mean dcsSize?)`, or the fields there are. */
const unknownField = (k: string, known: readonly string[], what: string): string => {
  const near = k.length > 40 ? undefined : known.find((f) => f.toLowerCase() === k.toLowerCase()) ?? known.find((f) => distance(f.toLowerCase(), k.toLowerCase()) <= 2);
  return near !== undefined ? `unknown field (did you mean ${near}?)` : `unknown field (${what} has ${wordsList(known, 'and', 16)})`;
};

export type ExactC<R extends t.Props, P extends t.Props> = t.Type<t.TypeOfProps<R> & t.TypeOfPartialProps<P>, t.OutputOfProps<R> & t.OutputOfPartialProps<P>, unknown>;

/**
 * An object with exactly these fields (`optional` may be absent). Decoding rejects any other
 * field, naming it; `is` checks only the fields it knows, like t.type.
 */
export const exact = <R extends t.Props, P extends t.Props = {}>(what: string, required: R, optional?: P): ExactC<R, P> => {
  const req = t.type(required);
  const opt = t.partial(optional ?? ({} as P));
  const known = [...Object.keys(required), ...Object.keys(optional ?? {})];
  return new t.Type(
    what,
    (u): u is t.TypeOfProps<R> & t.TypeOfPartialProps<P> => req.is(u) && opt.is(u),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c);
      for (const k of Object.keys(u))
        if (!known.includes(k)) return t.failure(u[k], t.appendContext(c, k, t.never, u[k]), unknownField(k, known, what));
      for (const [k, codec] of Object.entries(required)) {
        const r = codec.validate(u[k], t.appendContext(c, k, codec, u[k]));
        if (E.isLeft(r)) return r;
      }
      for (const [k, codec] of Object.entries(optional ?? {})) {
        if (u[k] === undefined) continue;
        const r = codec.validate(u[k], t.appendContext(c, k, codec, u[k]));
        if (E.isLeft(r)) return r;
      }
      return t.success(u as t.TypeOfProps<R> & t.TypeOfPartialProps<P>);
    },
    (a) => ({ ...req.encode(a as never), ...opt.encode(a as never) }) as never,
  );
};

/**
 * A union of exact objects told apart by the string field `tag`: decoding reads the tag and
 * decodes that branch only. `is` holds when the tag names a branch whose `is` holds, which is
 * what the t.union of the branches accepts.
 */
export const tagged = <B extends Record<string, t.Mixed>>(tag: string, what: string, branches: B): t.Type<t.TypeOf<B[keyof B]>, t.OutputOf<B[keyof B]>, unknown> => {
  const names = Object.keys(branches);
  const branchOf = (u: unknown): t.Mixed | undefined => {
    if (!isRecord(u)) return undefined;
    const k = u[tag];
    return typeof k === 'string' && Object.prototype.hasOwnProperty.call(branches, k) ? branches[k] : undefined;
  };
  return new t.Type(
    what,
    (u): u is t.TypeOf<B[keyof B]> => branchOf(u)?.is(u) ?? false,
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c);
      const b = branchOf(u);
      if (b === undefined) return t.failure(u[tag], t.appendContext(c, tag, t.never, u[tag]), `expected ${wordsList(names.map((n) => JSON.stringify(n)), 'or', 8)} (${what}), got ${found(u[tag])}`);
      return b.validate(u, c);
    },
    (a) => (branchOf(a)?.encode(a) ?? a) as never,
  );
};

/** A codec with an extra check on the decoded value; `why` says, in full, what was wrong. */
export const refine = <A, O>(codec: t.Type<A, O, unknown>, check: (a: A) => string | null): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    codec.name,
    codec.is,
    (u, c) => {
      const r = codec.validate(u, c);
      if (E.isLeft(r)) return r;
      const why = check(r.right);
      return why === null ? r : t.failure(u, c, why);
    },
    codec.encode,
  );
