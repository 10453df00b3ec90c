// The CODOMs access rule (§4.1, §4.2, DESIGN §3), checked on every load, store, call, jump
// and return. The subject is the code at ip: its page's tag selects the APL used.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { permRank } from '../../alphabet/config';
import { covers, usableBy } from '../state/capabilities';
import type { SpecState } from '../state/machine';
import { effectivePerm } from '../state/apl';
import { pageOf, type Page } from '../state/pages';
import type { ThreadState } from '../state/threads';
import { type Check, pass, require } from './result';

const table = (s: SpecState) => ({ wordsPerPage: s.wordsPerPage, pages: s.pages });
const apls = (s: SpecState) => ({ numDomains: s.numDomains, entries: s.apl });

/** The domain the thread executes in: the tag of ip's page, which must be mapped and executable. */
export const currentDomain = (s: SpecState, th: ThreadState): Check<number> => {
  const pg = pageOf(table(s), th.ip);
  return pg !== null && pg.exec ? pass(pg.tag) : E.left({ kind: 'fetch', addr: th.ip });
};

/** §4.2: "accesses are checked against all 8 capability registers". */
export const capabilityGrants = (
  s: SpecState,
  t: number,
  th: ThreadState,
  a: number,
  need: 'read' | 'write',
): boolean =>
  th.capRegs.some(
    (id) => usableBy(s.caps, id, t) && covers(s.caps[id], a) && permRank(s.caps[id].perm) >= permRank(need),
  );

const mapped = (s: SpecState, a: number): Check<Page> => {
  const pg = pageOf(table(s), a);
  return pg === null ? E.left({ kind: 'unmapped', addr: a }) : pass(pg);
};

/** The shared ladder of data and capability-slot accesses; only the storage kind of the page differs. */
const checkWordAccess = (
  s: SpecState, t: number, th: ThreadState, from: number, a: number, need: 'read' | 'write', capSlot: boolean,
): Check<void> =>
  pipe(
    mapped(s, a),
    E.chainFirst((pg) =>
      require(
        permRank(effectivePerm(apls(s), from, pg.tag)) >= permRank(need) || capabilityGrants(s, t, th, a, need),
        'noAccess',
        a,
      ),
    ),
    E.chainFirst((pg) => require(need === 'read' ? pg.read : pg.write, 'pageProt', a)),
    E.chain((pg) => require(pg.capStore === capSlot, capSlot ? 'dataStorage' : 'capStorage', a)),
  );

/**
 * Data access (load/store, §4.1-4.2). Rungs in order:
 *  unmapped    the address is on no mapped page
 *  noAccess    neither the APL (read needs >= read, write needs write) nor a capability
 *  pageProt    the page's read or write bit
 *  capStorage  data accesses never touch capability-storage pages
 */
export const checkDataAccess = (s: SpecState, t: number, th: ThreadState, from: number, a: number, need: 'read' | 'write'): Check<void> =>
  checkWordAccess(s, t, th, from, a, need, false);

/** Capability slot access (cap_load/cap_store, §4.2): the same rule, but the page must be capability storage (else dataStorage). */
export const checkCapSlotAccess = (s: SpecState, t: number, th: ThreadState, from: number, a: number, need: 'read' | 'write'): Check<void> =>
  checkWordAccess(s, t, th, from, a, need, true);

/**
 * Control transfer to `a` (call, jump, return; §4.1). Rungs in order:
 *  unmapped    the target is on no mapped page
 *  unaligned   only call permission reaches the target, and it is not an entry point
 *  noAccess    no APL permission and no capability (>= read) covering it
 *  pageProt    the target page is not executable
 */
export const checkControlTarget = (
  s: SpecState,
  t: number,
  th: ThreadState,
  from: number,
  a: number,
): Check<void> =>
  pipe(
    mapped(s, a),
    E.chainFirst((pg) => {
      const eff = effectivePerm(apls(s), from, pg.tag);
      if (permRank(eff) >= permRank('read') || capabilityGrants(s, t, th, a, 'read')) return pass(undefined);
      if (eff === 'call') return require(a % s.entryAlign === 0, 'unaligned', a);
      return require(false, 'noAccess', a);
    }),
    E.chain((pg) => require(pg.exec, 'pageProt', a)),
  );
