// Address selectors: how an op names an address. Each resolves against the state when the
// op runs, which lets generators aim at the interesting places (entry points and their
// neighbours, page boundaries, capability bounds plus and minus one, the top of the stack)
// and keeps those aims meaningful after shrinking.
import * as t from 'io-ts';
import { exact, tagged } from './codec';
import { Int } from './int';

export const AddrSelC = tagged('k', 'an address selector', {
  /** A raw address. */
  abs: exact('an address selector', { k: t.literal('abs'), a: Int }),
  /** Word `o` of page `p` (mod the number of pages); o = -1 or o = wordsPerPage cross a boundary. */
  page: exact('an address selector', { k: t.literal('page'), p: Int, o: Int }),
  /** The i-th entry-aligned address in the pages of domain d, plus o. */
  entry: exact('an address selector', { k: t.literal('entry'), d: Int, i: Int, o: Int }),
  /** Base of the capability in register c, plus o. */
  capBase: exact('an address selector', { k: t.literal('capBase'), c: Int, o: Int }),
  /** One past the end of the capability in register c, plus o. */
  capEnd: exact('an address selector', { k: t.literal('capEnd'), c: Int, o: Int }),
  /** The value of register r, plus o. */
  reg: exact('an address selector', { k: t.literal('reg'), r: Int, o: Int }),
  /** Word o of the i-th mapped capability-storage page (falling back to page i when there is none). */
  capPage: exact('an address selector', { k: t.literal('capPage'), i: Int, o: Int }),
  /** The i-th entry-aligned address of the page holding ip (the thread's own code), plus o. */
  code: exact('an address selector', { k: t.literal('code'), i: Int, o: Int }),
  /** The stack pointer plus o: o = 0 is the return address a call left on top. */
  stack: exact('an address selector', { k: t.literal('stack'), o: Int }),
});
export type AddrSel = t.TypeOf<typeof AddrSelC>;

const signed = (o: number): string => (o === 0 ? '' : o > 0 ? `+${o}` : `${o}`);

/** Compact rendering: 0x4f, page3+1, entry(d2#1)-1, base(c1)+1, end(c1), r3+2, sp+0. */
export const addrToString = (a: AddrSel): string => {
  switch (a.k) {
    case 'abs':
      return `0x${a.a.toString(16)}`;
    case 'page':
      return `page${a.p}${signed(a.o)}`;
    case 'entry':
      return `entry(d${a.d}#${a.i})${signed(a.o)}`;
    case 'capBase':
      return `base(c${a.c})${signed(a.o)}`;
    case 'capEnd':
      return `end(c${a.c})${signed(a.o)}`;
    case 'reg':
      return `r${a.r}${signed(a.o)}`;
    case 'stack':
      return `sp${signed(a.o)}`;
    case 'capPage':
      return `cappage${a.i}${signed(a.o)}`;
    case 'code':
      return `code#${a.i}${signed(a.o)}`;
    default:
      return '?';
  }
};
