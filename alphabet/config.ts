// The static description of a CODOMs machine (§4): page table, APLs and threads at boot.
// Plain data with an io-ts codec so that a scenario can live in a JSON file.
import * as t from 'io-ts';
import { Bool, exact, listOf, oneOf, refine } from './codec';
import { Int, intIn } from './int';

export { intIn };

/** APL permissions, ordered call < read < write (§4.1). */
export const APL_PERMS = ['call', 'read', 'write'] as const;
export type AplPerm = (typeof APL_PERMS)[number];
/** Capability permissions (§4.2): a capability grants data access, never mere call. */
export const CAP_PERMS = ['read', 'write'] as const;
export type CapPerm = (typeof CAP_PERMS)[number];
export const CAP_KINDS = ['sync', 'async'] as const;
export type CapKind = (typeof CAP_KINDS)[number];

/** Rank used to compare permissions: none 0 < call 1 < read 2 < write 3. */
export const permRank = (p: AplPerm | 'none'): number =>
  p === 'write' ? 3 : p === 'read' ? 2 : p === 'call' ? 1 : 0;

export const AplPermC = oneOf(APL_PERMS);
export const CapPermC = oneOf(CAP_PERMS);
export const CapKindC = oneOf(CAP_KINDS);


export const PageConfigC = exact('a page', {
  mapped: Bool,
  tag: intIn(0, 65535),
  read: Bool,
  write: Bool,
  exec: Bool,
  priv: Bool,
  capStore: Bool,
});
export type PageConfig = t.TypeOf<typeof PageConfigC>;

export const AplEntryC = exact('an APL entry', { src: intIn(0, 65535), dst: intIn(0, 65535), perm: AplPermC });
export type AplEntry = t.TypeOf<typeof AplEntryC>;

export const ThreadConfigC = exact('a thread', { ip: Int, sp: Int, cpu: intIn(0, 63) });
export type ThreadConfig = t.TypeOf<typeof ThreadConfigC>;

/**
 * The size bounds of a model a file may ask for (docs/trace-files.md "Size"): every field
 * within its own bounds can still multiply into gigabytes, so the total is bounded too.
 */
export const MODEL_LIMITS = {
  /** Pages in the address space (CODOMs: the page table; dIPC: blocks × blockPages). */
  pages: 65_536,
  /** Memory words (pages × wordsPerPage). */
  words: 1 << 20,
  /** Threads, APL entries and the other lists of a config. */
  threads: 256,
  aplEntries: 65_536,
} as const;

const grouped = (n: number): string => n.toLocaleString('en-US');

/** Why a model of `pages` pages of `wordsPerPage` words is too large, or null. */
export const modelTooLarge = (pages: number, wordsPerPage: number, how: string): string | null =>
  pages > MODEL_LIMITS.pages
    ? `expected a model of at most ${grouped(MODEL_LIMITS.pages)} pages, got ${grouped(pages)} (${how})`
    : pages * wordsPerPage > MODEL_LIMITS.words
      ? `expected a model of at most ${grouped(MODEL_LIMITS.words)} memory words, got ${grouped(pages * wordsPerPage)} (${how} × ${wordsPerPage} words)`
      : null;

const ConfigFieldsC = exact('a CODOMs config', {
  wordsPerPage: intIn(1, 64),
  entryAlign: intIn(1, 64),
  numDomains: intIn(1, 65536),
  numCpus: intIn(1, 64),
  dcsSize: intIn(1, 256),
  pages: listOf(PageConfigC, 'a list of pages', MODEL_LIMITS.pages),
  apl: listOf(AplEntryC, 'a list of APL entries', MODEL_LIMITS.aplEntries),
  threads: listOf(ThreadConfigC, 'a list of threads', MODEL_LIMITS.threads),
});

export const ConfigC = refine(ConfigFieldsC, (c) => modelTooLarge(c.pages.length, c.wordsPerPage, `${c.pages.length} pages`));
export type Config = t.TypeOf<typeof ConfigC>;

/** Small defaults so generators hit edges (DESIGN §3). */
export const DEFAULTS = {
  wordsPerPage: 16,
  entryAlign: 4,
  numCpus: 2,
  dcsSize: 8,
  generalRegisters: 8,
  capRegisters: 8,
  /** The longest capability cap_create may make, in pages. */
  maxCapPages: 4,
} as const;

/** Register file layout: r0..r7 then sp. */
export const SP = 8;
/** dIPC register conventions: r0..r3 carry arguments and results; r7 is the errno-like error flag. */
export const ERR_REG = 7;
/** dIPC capability-register conventions: c7 the data-stack capability, c6 the proxy's return capability, c5 the stack-arguments capability (stack integrity). */
export const STACK_CAP = 7;
export const RET_CAP = 6;
export const ARGS_CAP = 5;
export const NUM_REGS = 9;
export const NUM_CAP_REGS = 8;
