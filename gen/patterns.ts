// Short op sequences that set up the situations single random ops rarely reach, mixed into
// generated traces: a capability chain used after its root is revoked from another domain,
// and an APL change on one CPU racing with a thread that cached the old APL on another.
import fc from 'fast-check';
import type { AddrSel } from '../alphabet/address';
import { CAP_PERMS } from '../alphabet/config';
import type { Op } from '../alphabet/ops';

const edge = fc.constantFrom(-1, 0, 1);
const entry: fc.Arbitrary<AddrSel> = fc.record({ k: fc.constant('entry' as const), d: fc.integer({ min: 0, max: 3 }), i: fc.integer({ min: 0, max: 5 }), o: fc.constant(0) });
const creationSite: fc.Arbitrary<AddrSel> = fc.oneof(
  fc.record({ k: fc.constant('stack' as const), o: fc.integer({ min: -8, max: 0 }) }),
  fc.record({ k: fc.constant('entry' as const), d: fc.integer({ min: 0, max: 1 }), i: fc.integer({ min: 0, max: 5 }), o: fc.constant(0) }),
  fc.record({ k: fc.constant('capPage' as const), i: fc.integer({ min: 0, max: 3 }), o: fc.integer({ min: 0, max: 8 }) }),
);

/**
 * create c0, derive c1 from c0, derive c2 from c1, leave for another domain, revoke one link
 * of the chain, then use the deepest capability (C5: nothing derived from a revoked capability
 * grants access; C1: capability bounds).
 */
export const capChainPattern: fc.Arbitrary<Op[]> = fc
  .record({
    t: fc.integer({ min: 0, max: 2 }),
    site: creationSite,
    len: fc.integer({ min: 2, max: 8 }),
    perm: fc.constantFrom(...CAP_PERMS),
    leave: fc.option(entry, { nil: undefined }),
    revoke: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    use: fc.constantFrom('load' as const, 'store' as const, 'jump' as const, 'cap_store' as const),
    at: fc.record({ k: fc.constantFrom('capBase' as const, 'capEnd' as const), c: fc.constant(2), o: edge }),
  })
  .map(({ t, site, len, perm, leave, revoke, use, at }): Op[] => [
    { op: 'cap_create', t, c: 0, a: site, len, perm, kind: 'async' },
    { op: 'cap_derive', t, c: 1, s: 0, off: 0, len, perm, kind: 'async' },
    { op: 'cap_derive', t, c: 2, s: 1, off: 1, len: len - 1, perm, kind: 'async' },
    ...(leave === undefined ? [] : [{ op: 'jump' as const, t, a: leave }]),
    ...(revoke === undefined ? [] : [{ op: 'cap_revoke' as const, t, c: revoke }]),
    use === 'load'
      ? { op: 'load', t, r: 1, a: at }
      : use === 'store'
        ? { op: 'store', t, r: 1, a: at }
        : use === 'jump'
          ? { op: 'jump', t, a: at }
          : { op: 'cap_store', t, c: 2, a: at },
  ]);

/**
 * Thread a on one CPU touches memory (filling its CPU's APL cache), thread b on the other CPU
 * changes an APL from a privileged page, then a touches the same place again (C1: the APL
 * cache must never let through what the current APL forbids).
 */
export const aplRacePattern: fc.Arbitrary<Op[]> = fc
  .record({
    a: fc.integer({ min: 0, max: 2 }),
    b: fc.integer({ min: 0, max: 2 }),
    where: fc.oneof(
      fc.record({ k: fc.constant('page' as const), p: fc.integer({ min: 0, max: 31 }), o: fc.integer({ min: 0, max: 15 }) }),
      entry,
    ),
    access: fc.constantFrom('load' as const, 'store' as const, 'jump' as const),
    src: fc.integer({ min: 0, max: 2 }),
    dst: fc.integer({ min: 0, max: 2 }),
    perm: fc.constantFrom('none' as const, 'call' as const, 'read' as const),
  })
  .map(({ a, b, where, access, src, dst, perm }): Op[] => {
    const touch: Op = access === 'jump' ? { op: 'jump', t: a, a: where } : { op: access, t: a, r: 2, a: where };
    return [
      { op: 'schedule', t: a, cpu: 0 },
      { op: 'schedule', t: b, cpu: 1 },
      touch,
      { op: 'priv', t: b, act: { k: 'apl_set', src, dst, perm } },
      touch,
    ];
  });
