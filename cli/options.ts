// Command-line options are untrusted input: commander parses the words, io-ts decodes the
// values, and a bad one is rejected naming the flag and what it should be.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeWith } from '../alphabet/decode';
import { StrategyC } from '../gen/strategies';

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

/** `--shard i/n`: this machine's share of a run split n ways, 1 ≤ i ≤ n. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}
export const ShardC = new t.Type<Shard, string, unknown>(
  'i/n with 1 ≤ i ≤ n ≤ 1000 (e.g. 2/4)',
  (u): u is Shard => typeof u === 'object' && u !== null && 'index' in u && 'count' in u,
  (u, c) => {
    const m = typeof u === 'string' ? /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(u) : null;
    if (m === null) return t.failure(u, c);
    const index = Number(m[1]);
    const count = Number(m[2]);
    return index >= 1 && count <= 1000 && index <= count ? t.success({ index, count }) : t.failure(u, c);
  },
  (s) => `${s.index}/${s.count}`,
);

/** A file name given to a flag: not empty. */
export const FileNameC = new t.Type<string, string, unknown>(
  'a file name',
  (u): u is string => typeof u === 'string' && u.trim() !== '',
  (u, c) => (typeof u === 'string' && u.trim() !== '' ? t.success(u) : t.failure(u, c)),
  String,
);

/** The folder `check` writes failing traces to unless told otherwise: git-ignored, never the corpus that `npm test` replays. */
export const CHECK_DEFAULT_OUT_DIR = 'scratch/counterexamples';

export const CheckOptionsC = t.intersection([
  t.type({
  seed: SeedC,
  runs: intFromString('runs', 1, 1_000_000),
  maxOps: t.union([intFromString('max-ops', 1, 10_000), t.undefined]),
  only: t.array(t.string),
  machine: t.string,
  json: t.union([t.string, t.undefined]),
  outDir: t.string,
  write: t.boolean,
  shard: t.union([ShardC, t.undefined]),
  junit: t.union([FileNameC, t.undefined]),
  }),
  /** `--observe FILE`: one Hypothesis observability line per generated scenario (cli/observe.ts). */
  t.partial({ observe: t.union([FileNameC, t.undefined]) }),
  /** `--strategy NAME`: how scenarios are generated (gen/strategies.ts). */
  t.partial({ strategy: t.union([StrategyC, t.undefined]) }),
]);
export type CheckOptions = t.TypeOf<typeof CheckOptionsC>;

/** `dipc-spec mutants --format`: the kill matrix (text), its JSON, the mutation-testing report schema, or that report as a page. */
export const MutantsFormatC = t.keyof({ matrix: null, json: null, stryker: null, html: null }, 'matrix, json, stryker or html');
export type MutantsFormat = t.TypeOf<typeof MutantsFormatC>;

export const MutantsOptionsC = t.intersection([
  t.type({
    json: t.boolean,
    seed: SeedC,
    runs: intFromString('runs', 1, 1_000_000),
    otherRuns: intFromString('other-runs', 0, 1_000_000),
    onlyMutant: t.array(t.string),
  }),
  /** `--design`: the design mutants (mutants/design/) instead of the impl mutants. */
  t.partial({ format: MutantsFormatC, out: t.union([FileNameC, t.undefined]), design: t.boolean }),
]);
export type MutantsOptions = t.TypeOf<typeof MutantsOptionsC>;

/** Bad input on the command line or in a file it names: one line on stderr, exit 2, nothing run or written. */
export class UsageError extends Error {}

/** Bad content in a file the command was given: a UsageError printed as one line, without the usage hint (the fault is in the file). */
export class InputError extends UsageError {}

/** Decode or throw a UsageError whose message names the flag (`--runs: expected ...`). */
export const decodeOptions = <A>(codec: t.Type<A, unknown, unknown>, raw: Record<string, unknown>, flagOf: (key: string) => string): A => {
  const r = decodeWith(codec, raw);
  if (E.isRight(r)) return r.right;
  const m = /^\$\.([A-Za-z]+)(.*)$/.exec(r.left);
  throw new UsageError(m ? `${flagOf(m[1])}${m[2]}` : r.left);
};

export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `dipc-spec audit --strategy`: the audit's own generator alone, or swarm (gen/audit-scenario.ts auditStrategyArb). */
export const AuditStrategyC = t.keyof({ patterns: null, swarm: null }, 'patterns or swarm');

/** `dipc-spec audit --format`: the report as Markdown, JSON or a self-contained HTML page. */
export const AuditFormatC = t.keyof({ md: null, json: null, html: null }, 'md, json or html');

export const AuditOptionsC = t.intersection([t.type({
  format: AuditFormatC,
  out: t.union([FileNameC, t.undefined]),
  runs: intFromString('runs', 1, 1_000_000),
  seed: SeedC,
  maxOps: intFromString('max-ops', 1, 10_000),
  machine: t.string,
  witnessDir: FileNameC,
  witnesses: t.boolean,
  workers: intFromString('workers', 0, 64),
  only: t.array(t.string),
  strategy: AuditStrategyC,
}),
  /** `--exhaustive K` (issue 14 item 3): per class and side, every trace of up to K ops of the audit's small scope; `--exhaustive-max-states N` cuts each search. */
  t.partial({ exhaustive: t.union([intFromString('exhaustive', 1, 64), t.undefined]), exhaustiveMaxStates: intFromString('exhaustive-max-states', 1, 100_000_000) }),
]);
export type AuditCliOptions = t.TypeOf<typeof AuditOptionsC>;

/** `dipc-spec explore` (docs/explore.md). */
export const EXPLORE_DEFAULT_OUT_DIR = 'scratch/counterexamples';
export const ExploreOptionsC = t.type({
  scope: t.union([t.string, t.undefined]),
  scenario: t.union([FileNameC, t.undefined]),
  depth: intFromString('depth', 0, 1000),
  maxStates: t.union([intFromString('max-states', 1, 1_000_000_000), t.undefined]),
  time: t.union([intFromString('time', 1, 10_000_000), t.undefined]),
  machine: t.string,
  only: t.array(t.string),
  json: t.boolean,
  out: FileNameC,
  write: t.boolean,
  /** `--workers N`: worker threads expanding the frontier (0: this thread); the certificate is the same whatever N. */
  workers: intFromString('workers', 0, 64),
  /** `--shard i/n`: only the traces through every n-th state of depth 1 (docs/explore.md "Sharding"). */
  shard: t.union([ShardC, t.undefined]),
  /** Hidden `--replay-checks`: check every transition by replaying each property's check from boot (the reference the incremental checking is compared with). */
  replayChecks: t.union([t.boolean, t.undefined]),
});
export type ExploreCliOptions = t.TypeOf<typeof ExploreOptionsC>;
