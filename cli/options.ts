// Command-line options are untrusted input: commander parses the words, io-ts decodes the
// values, and a bad one is rejected naming the flag and what it should be.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeWith } from '../alphabet/decode';

/** A decimal integer given as a string, within [min, max]. */
export const intFromString = (name: string, min: number, max: number): t.Type<number, string, unknown> =>
  new t.Type<number, string, unknown>(
    `${name} (an integer from ${min} to ${max})`,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
    (u, c) => {
      const n = typeof u === 'string' && /^-?\d+$/.test(u.trim()) ? Number(u) : typeof u === 'number' ? u : NaN;
      return Number.isSafeInteger(n) && n >= min && n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );

export const SeedC = intFromString('seed', 0, 2 ** 31 - 1);

export const CheckOptionsC = t.type({
  seed: SeedC,
  runs: intFromString('runs', 1, 1_000_000),
  maxOps: t.union([intFromString('max-ops', 1, 10_000), t.undefined]),
  only: t.array(t.string),
  machine: t.string,
  json: t.union([t.string, t.undefined]),
  outDir: t.string,
  write: t.boolean,
});
export type CheckOptions = t.TypeOf<typeof CheckOptionsC>;

export class UsageError extends Error {}

/** Decode or throw a UsageError whose message names the flag (`--runs: expected ...`). */
export const decodeOptions = <A>(codec: t.Type<A, unknown, unknown>, raw: Record<string, unknown>, flagOf: (key: string) => string): A => {
  const r = decodeWith(codec, raw);
  if (E.isRight(r)) return r.right;
  const m = /^\$\.([A-Za-z]+)(.*)$/.exec(r.left);
  throw new UsageError(m ? `${flagOf(m[1])}${m[2]}` : r.left);
};

export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
