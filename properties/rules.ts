// The access rule of DESIGN §3 restated as predicates over abstract states, for the
// properties to judge what a machine did. Deliberately written as the rule reads, not as
// the spec computes it.
import type { AddrSel } from '../alphabet/address';
import { permRank } from '../alphabet/config';
import type { Op } from '../alphabet/ops';
import { effectivePerm } from '../spec/state/apl';
import type { CapId } from '../spec/state/capabilities';
import type { SpecState } from '../spec/state/machine';
import { pageOf, type Page } from '../spec/state/pages';
import { resolveIndex } from '../alphabet/resolve';
import { resolveAddress } from '../spec/transitions/addresses';

export type Need = 'read' | 'write';

export const threadOf = (s: SpecState, op: Op): number => resolveIndex(op.t, s.threads.length);

export const page = (s: SpecState, a: number): Page | null => pageOf({ wordsPerPage: s.wordsPerPage, pages: s.pages }, a);

/** The tag of the code the thread runs (null if ip is not on a mapped page). */
export const codeTag = (s: SpecState, t: number): number | null => page(s, s.threads[t].ip)?.tag ?? null;

export const aplRank = (s: SpecState, from: number, a: number): number => {
  const pg = page(s, a);
  return pg === null ? 0 : permRank(effectivePerm({ numDomains: s.numDomains, entries: s.apl }, from, pg.tag));
};

export const addressOf = (s: SpecState, t: number, sel: AddrSel): number => resolveAddress(s, s.threads[t], sel);

/** Is any ancestor of `id` (itself included) revoked? */
export const chainRevoked = (s: SpecState, id: CapId): boolean => {
  for (let cur: CapId | null = id; cur !== null; cur = s.caps[cur].parent) if (s.caps[cur].revoked) return true;
  return false;
};

/**
 * Capability registers of thread t that cover `a` with at least `need`, belong to t if sync,
 * and are not themselves marked revoked. `fullChain` also requires no revoked ancestor.
 */
export const coveringCaps = (s: SpecState, t: number, a: number, need: Need, fullChain: boolean): CapId[] =>
  s.threads[t].capRegs.filter((id): id is CapId => {
    if (id === null || id < 0 || id >= s.caps.length) return false;
    const c = s.caps[id];
    return (
      !c.revoked &&
      (!fullChain || !chainRevoked(s, id)) &&
      (c.kind === 'async' || c.owner === t) &&
      a >= c.base &&
      a < c.base + c.length &&
      permRank(c.perm) >= permRank(need)
    );
  });

/** Did the instruction succeed (as opposed to fault or skip)? */
export const succeeded = (o: { out: string }): boolean => o.out === 'ok' || o.out === 'value';

export const changedKeys = <K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): K[] => {
  const keys = new Set<K>([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k));
};

export const hex = (a: number): string => `0x${a.toString(16)}`;
