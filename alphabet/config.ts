// The static description of a CODOMs machine (§4): page table, APLs and threads at boot.
// Plain data with an io-ts codec so that a scenario can live in a JSON file.
import * as t from 'io-ts';
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

const keyof = <K extends string>(keys: readonly K[], name: string) =>
  t.keyof(Object.fromEntries(keys.map((k) => [k, null])) as { [P in K]: null }, name);

export const AplPermC = keyof(APL_PERMS, 'AplPerm');
export const CapPermC = keyof(CAP_PERMS, 'CapPerm');
export const CapKindC = keyof(CAP_KINDS, 'CapKind');


export const PageConfigC = t.type({
  mapped: t.boolean,
  tag: intIn(0, 65535),
  read: t.boolean,
  write: t.boolean,
  exec: t.boolean,
  priv: t.boolean,
  capStore: t.boolean,
});
export type PageConfig = t.TypeOf<typeof PageConfigC>;

export const AplEntryC = t.type({ src: intIn(0, 65535), dst: intIn(0, 65535), perm: AplPermC });
export type AplEntry = t.TypeOf<typeof AplEntryC>;

export const ThreadConfigC = t.type({ ip: Int, sp: Int, cpu: intIn(0, 63) });
export type ThreadConfig = t.TypeOf<typeof ThreadConfigC>;

export const ConfigC = t.type({
  wordsPerPage: intIn(1, 64),
  entryAlign: intIn(1, 64),
  numDomains: intIn(1, 65536),
  numCpus: intIn(1, 64),
  dcsSize: intIn(1, 256),
  pages: t.array(PageConfigC),
  apl: t.array(AplEntryC),
  threads: t.array(ThreadConfigC),
});
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
