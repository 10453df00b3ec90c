// The op alphabet is plain data: every generated op and config survives JSON and decodes
// back; bad input is rejected with the JSON path of the bad field.
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { ConfigC } from '../alphabet/config';
import { decodeWith } from '../alphabet/decode';
import { OpC, opToString } from '../alphabet/ops';
import { configArb } from '../gen/config';
import { CODOMS_BOUNDS } from '../gen/bounds';
import { opArb } from '../gen/ops';

describe('op alphabet', () => {
  test.prop([opArb])('every generated op round-trips through JSON and the codec', (op) => {
    const back = decodeWith(OpC, JSON.parse(JSON.stringify(op)));
    expect(back).toEqual(E.right(op));
    expect(opToString(op)).toMatch(/^[a-z_]+\[.*\]$/);
  });

  test.prop([configArb(CODOMS_BOUNDS)])('every generated config round-trips', (cfg) => {
    expect(decodeWith(ConfigC, JSON.parse(JSON.stringify(cfg)))).toEqual(E.right(cfg));
  });

  test('a bad field is named by its JSON path', () => {
    const bad = { op: 'store', t: 0, r: 1, a: { k: 'page', p: 'two', o: 0 } };
    const r = decodeWith(OpC, bad);
    expect(E.isLeft(r) && r.left).toMatch(/^\$\.a\.p: expected an integer, got "two"$/);
  });

  test('compact rendering', () => {
    expect(opToString({ op: 'store', t: 1, r: 3, a: { k: 'abs', a: 0x4f } })).toBe('store[t1 r3 -> 0x4f]');
    expect(opToString({ op: 'call', t: 0, a: { k: 'entry', d: 2, i: 1, o: -1 } })).toBe('call[t0 -> entry(d2#1)-1]');
  });
});
