// Generated op traces. Indices are small and resolved modulo what exists when the op runs;
// address selectors are biased toward edges: entry points and their neighbours, page
// boundaries, capability bounds plus and minus one, the top of the stack.
import fc from 'fast-check';
import type { AddrSel } from '../alphabet/address';
import { CAP_KINDS, CAP_PERMS } from '../alphabet/config';
import type { Op, PrivAction } from '../alphabet/ops';

const edge = fc.constantFrom(-1, 0, 1);
const small = fc.integer({ min: 0, max: 7 });
/** Capability registers: mostly c0/c1, so creations, derivations and uses meet. */
const capReg = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 1, arbitrary: small });

export const addrSelArb: fc.Arbitrary<AddrSel> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('entry' as const), d: small, i: fc.integer({ min: 0, max: 5 }), o: edge }) },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('page' as const),
      p: fc.integer({ min: 0, max: 40 }),
      o: fc.oneof(fc.constantFrom(-1, 0, 15, 16), fc.integer({ min: 0, max: 15 })),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('capBase' as const), c: capReg, o: edge }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('capEnd' as const), c: capReg, o: edge }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('stack' as const), o: fc.constantFrom(-2, -1, 0, 1) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reg' as const), r: fc.integer({ min: 0, max: 8 }), o: edge }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('abs' as const), a: fc.integer({ min: -2, max: 700 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('capPage' as const), i: fc.integer({ min: 0, max: 3 }), o: edge }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('code' as const), i: fc.integer({ min: 0, max: 3 }), o: edge }) },
);

/** Where cap_create aims: mostly at the thread's own stack and low domains, so creations succeed often. */
const capCreateAddrArb: fc.Arbitrary<AddrSel> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constant('stack' as const), o: fc.integer({ min: -8, max: 0 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('entry' as const), d: fc.integer({ min: 0, max: 1 }), i: fc.integer({ min: 0, max: 5 }), o: edge }) },
  { weight: 2, arbitrary: addrSelArb },
);

/** Where cap_store and cap_load aim: mostly capability-storage pages. */
const capSlotAddrArb: fc.Arbitrary<AddrSel> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('capPage' as const), i: fc.integer({ min: 0, max: 3 }), o: fc.oneof(fc.integer({ min: 0, max: 15 }), edge) }) },
  { weight: 2, arbitrary: addrSelArb },
);

const privArb: fc.Arbitrary<PrivAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('apl_set' as const),
      src: fc.integer({ min: 0, max: 3 }),
      dst: fc.integer({ min: 0, max: 3 }),
      perm: fc.constantFrom('none' as const, 'call' as const, 'read' as const, 'write' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('dcs_base' as const), v: small }) },
  { weight: 1, arbitrary: fc.constant({ k: 'nop' as const }) },
);

/** Threads: mostly t0, so one thread's capability ops build on each other. */
const t = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 }) });
const r = fc.integer({ min: 0, max: 8 });
const c = capReg;
const perm = fc.constantFrom(...CAP_PERMS);
const kind = fc.constantFrom(...CAP_KINDS);

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('li' as const), t, r, v: fc.integer({ min: -1, max: 600 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('mov' as const), t, r, s: r }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('load' as const), t, r, a: addrSelArb }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('store' as const), t, r, a: addrSelArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('call' as const), t, a: addrSelArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('jump' as const), t, a: addrSelArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ret' as const), t }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('cap_create' as const), t, c, a: capCreateAddrArb,
      len: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 16, 20, 64, 65) }),
      perm,
      kind: fc.oneof({ weight: 2, arbitrary: fc.constant('async' as const) }, { weight: 1, arbitrary: kind }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('cap_derive' as const), t, c, s: c,
      off: fc.oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: -1, max: 6 })),
      len: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 10 })),
      perm,
      kind: fc.oneof({ weight: 2, arbitrary: fc.constant('async' as const) }, { weight: 1, arbitrary: kind }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cap_clear' as const), t, c }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cap_revoke' as const), t, c }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cap_push' as const), t, c }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cap_pop' as const), t, c }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('cap_store' as const), t, c, a: capSlotAddrArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('cap_load' as const), t, c, a: capSlotAddrArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('priv' as const), t, act: privArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('schedule' as const), t, cpu: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('fault' as const), t }) },
);

/** Ops with absurd indices and values, for TOTAL: negative, huge, unsafe. */
const wild = fc.oneof(fc.integer(), fc.constantFrom(-1, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER));
const wildAddr: fc.Arbitrary<AddrSel> = fc.oneof(
  fc.record({ k: fc.constant('abs' as const), a: wild }),
  fc.record({ k: fc.constant('page' as const), p: wild, o: wild }),
  fc.record({ k: fc.constant('entry' as const), d: wild, i: wild, o: wild }),
  fc.record({ k: fc.constant('capEnd' as const), c: wild, o: wild }),
  fc.record({ k: fc.constant('reg' as const), r: wild, o: wild }),
);
/** Objects that are not ops at all: a total machine skips them. */
const notAnOp = fc.constantFrom<unknown>(
  { op: 'load', t: 0 },
  { op: 'nope', t: 0 },
  { op: 'li', t: 0.5, r: 1, v: 2 },
  { op: 'store', t: 0, r: 1, a: { k: 'moon', a: 1 } },
  { op: 'priv', t: 0, act: { k: 'apl_set', src: 0, dst: 1, perm: 'root' } },
  null,
  42,
) as fc.Arbitrary<Op>;

export const wildOpArb: fc.Arbitrary<Op> = fc.oneof(
  opArb,
  notAnOp,
  fc.record({ op: fc.constant('store' as const), t: wild, r: wild, a: wildAddr }),
  fc.record({ op: fc.constant('call' as const), t: wild, a: wildAddr }),
  fc.record({ op: fc.constant('cap_create' as const), t: wild, c: wild, a: wildAddr, len: wild, perm, kind }),
  fc.record({ op: fc.constant('cap_derive' as const), t: wild, c: wild, s: wild, off: wild, len: wild, perm, kind }),
  fc.record({ op: fc.constant('cap_pop' as const), t: wild, c: wild }),
  fc.record({ op: fc.constant('cap_load' as const), t: wild, c: wild, a: wildAddr }),
  fc.record({ op: fc.constant('priv' as const), t: wild, act: fc.record({ k: fc.constant('dcs_base' as const), v: wild }) }),
  fc.record({ op: fc.constant('schedule' as const), t: wild, cpu: wild }),
);
