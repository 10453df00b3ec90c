// Capability instructions (§4.2): create from the APL, derive from a register, clear,
// revoke. Capabilities are unforgeable: the only ways to make one are these two ladders.
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { AddrSel } from '../../alphabet/address';
import { type CapKind, type CapPerm, DEFAULTS, permRank } from '../../alphabet/config';
import { ok } from '../../alphabet/output';
import { resolveIndex } from '../../alphabet/resolve';
import { effectivePerm } from '../state/apl';
import { type CapNode, usableBy } from '../state/capabilities';
import type { SpecState } from '../state/machine';
import { pageIndexOf } from '../state/pages';
import { currentDomain } from './access';
import { resolveAddress } from './addresses';
import type { StepOutcome } from './outcome';
import { type Check, pass, replaceThread, require, setCapReg } from './result';

const addNode = (s: SpecState, t: number, c: number, node: CapNode): StepOutcome => {
  const th = s.threads[t];
  const id = s.caps.length;
  return {
    state: { ...replaceThread(s, t, setCapReg(th, resolveIndex(c, th.capRegs.length), id)), caps: [...s.caps, node] },
    output: ok,
  };
};

/** Every page of [a, a+len) must be mapped and reachable from `from` with at least `perm`. */
const checkRangeFromApl = (s: SpecState, from: number, a: number, len: number, perm: CapPerm): Check<void> => {
  const W = s.wordsPerPage;
  const table = { wordsPerPage: W, pages: s.pages };
  for (let p = Math.floor(a / W); p <= Math.floor((a + len - 1) / W); p++) {
    const at = Math.max(a, p * W);
    const idx = pageIndexOf(table, at);
    if (idx === null) return E.left({ kind: 'unmapped', addr: at });
    const tag = s.pages[idx].tag;
    if (permRank(effectivePerm({ numDomains: s.numDomains, entries: s.apl }, from, tag)) < permRank(perm)) {
      return E.left({ kind: 'noAccess', addr: at });
    }
  }
  return pass(undefined);
};

/**
 * cap_create (§4.2 "a new capability is always derived from the current domain's APL").
 *  fetch      ip must be runnable
 *  capBounds  1 <= len <= maxCapPages pages
 *  unmapped / noAccess  every page of the range reachable through the APL with >= perm
 */
export const capCreate = (
  s: SpecState, t: number, c: number, sel: AddrSel, len: number, perm: CapPerm, kind: CapKind,
): Check<StepOutcome> => {
  const th = s.threads[t];
  const a = resolveAddress(s, th, sel);
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() =>
      require(Number.isSafeInteger(a) && len >= 1 && len <= DEFAULTS.maxCapPages * s.wordsPerPage, 'capBounds', Number.isSafeInteger(a) ? a : null),
    ),
    E.chainFirst((from) => checkRangeFromApl(s, from, a, len, perm)),
    E.map((from) =>
      addNode(s, t, c, { parent: null, base: a, length: len, perm, kind, owner: kind === 'sync' ? t : null, creatorTag: from, revoked: false }),
    ),
  );
};

/**
 * cap_derive (§4.2 "or from an existing capability"): the child never exceeds its parent.
 *  capInvalid  the source register holds no usable capability
 *  capBounds   [off, off+len) must lie inside the source, len >= 1
 *  capPerm     the permission may only shrink
 *  capKind     an async capability cannot come from a sync one (it would leave the thread)
 */
export const capDerive = (
  s: SpecState, t: number, c: number, src: number, off: number, len: number, perm: CapPerm, kind: CapKind,
): Check<StepOutcome> => {
  const th = s.threads[t];
  const id = th.capRegs[resolveIndex(src, th.capRegs.length)];
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() => require(usableBy(s.caps, id, t), 'capInvalid')),
    E.map((from) => ({ from, parent: s.caps[id as number] })),
    E.chainFirst(({ parent }) =>
      require(Number.isSafeInteger(off) && off >= 0 && len >= 1 && off + len <= parent.length, 'capBounds', parent.base),
    ),
    E.chainFirst(({ parent }) => require(permRank(perm) <= permRank(parent.perm), 'capPerm')),
    E.chainFirst(({ parent }) => require(!(kind === 'async' && parent.kind === 'sync'), 'capKind')),
    E.map(({ from, parent }) =>
      addNode(s, t, c, {
        parent: id as number, base: parent.base + off, length: len, perm, kind,
        owner: kind === 'sync' ? t : null, creatorTag: from, revoked: false,
      }),
    ),
  );
};

/** cap_clear: drop a register's capability (never faults once ip is runnable). */
export const capClear = (s: SpecState, t: number, c: number): Check<StepOutcome> =>
  pipe(
    currentDomain(s, s.threads[t]),
    E.map(() => {
      const th = s.threads[t];
      return { state: replaceThread(s, t, setCapReg(th, resolveIndex(c, th.capRegs.length), null)), output: ok };
    }),
  );

/**
 * cap_revoke (§4.2 "immediate revocation through revocation counters"): the capability and
 * everything derived from it stop granting anything at once, wherever their copies are.
 *  capInvalid  the register holds no usable capability
 */
export const capRevoke = (s: SpecState, t: number, c: number): Check<StepOutcome> => {
  const th = s.threads[t];
  const id = th.capRegs[resolveIndex(c, th.capRegs.length)];
  return pipe(
    currentDomain(s, th),
    E.chainFirst(() => require(usableBy(s.caps, id, t), 'capInvalid')),
    E.map(() => ({
      state: { ...s, caps: s.caps.map((n, i) => (i === id ? { ...n, revoked: true } : n)) },
      output: ok,
    })),
  );
};
